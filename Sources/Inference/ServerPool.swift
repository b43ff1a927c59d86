import O1CoderCore
import Synchronization

/// Several inference servers as one `LanguageModel` (`--url` repeated): each request goes to the
/// server its *problem* maps to, so a server's prefix cache keeps serving the same problem's
/// prompts; a server that fails is set aside for `coolDown` and its work moves to the next one
/// in the ring, so a dead server costs a retry, not a run.
///
/// The problem is recognised from the prompt itself (its first user message, or the first
/// `stickyPrefix` characters of a text prompt), so callers need not say which problem asks.
public final class ServerPool: LanguageModel {
    public let servers: [any LanguageModel]
    public let names: [String]
    public let coolDown: Duration
    let stickyPrefix = 2048
    private let state: Mutex<State>

    struct State {
        var downUntil: [ContinuousClock.Instant?]
        var requests: [Int]
        var failovers = 0
    }

    /// What the pool did: requests per server (in `names` order) and how often work moved.
    public struct Statistics: Sendable, Hashable {
        public var requests: [Int]
        public var failovers: Int
    }

    public init(servers: [any LanguageModel], names: [String], coolDown: Duration = .seconds(30)) {
        precondition(!servers.isEmpty && servers.count == names.count, "a pool needs servers, one name each")
        self.servers = servers
        self.names = names
        self.coolDown = coolDown
        self.state = Mutex(State(downUntil: Array(repeating: nil, count: servers.count), requests: Array(repeating: 0, count: servers.count)))
    }

    public var statistics: Statistics { state.withLock { Statistics(requests: $0.requests, failovers: $0.failovers) } }

    public var info: ModelInfo {
        get async {
            var info = await servers[0].info
            info.backend = "pool of \(servers.count): " + names.joined(separator: ", ")
            return info
        }
    }

    public func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        try await routed(request.prompt) { try await $0.generate(request) }
    }

    public func score(prompt: PromptInput, continuation: String) async throws -> ScoredText {
        try await routed(prompt) { try await $0.score(prompt: prompt, continuation: continuation) }
    }

    public func embed(_ text: String) async throws -> [Float] {
        try await routed(.text(text)) { try await $0.embed(text) }
    }

    /// Streams from the problem's server (no fail-over once pieces have been delivered).
    public func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        let index = order(for: request.prompt).first ?? 0
        state.withLock { $0.requests[index] += 1 }
        return servers[index].stream(request)
    }

    /// The server index a prompt belongs to, then the others in ring order.
    func order(for prompt: PromptInput) -> [Int] {
        let home = Int(SplitMix64.fnv1a(Self.stickyKey(prompt, prefix: stickyPrefix)) % UInt64(servers.count))
        return (0..<servers.count).map { (home + $0) % servers.count }
    }

    private func routed<T: Sendable>(_ prompt: PromptInput, _ call: (any LanguageModel) async throws -> T) async throws -> T {
        let now = ContinuousClock.now
        let ring = order(for: prompt)
        // Live servers first in ring order; set-aside ones last, in case all are down.
        let live = state.withLock { s in ring.filter { s.downUntil[$0].map { $0 <= now } ?? true } }
        var lastError: (any Error)?
        for (attempt, index) in (live + ring.filter { !live.contains($0) }).enumerated() {
            try Task.checkCancellation()
            state.withLock { s in
                s.requests[index] += 1
                if attempt > 0 { s.failovers += 1 }
            }
            do {
                let value = try await call(servers[index])
                state.withLock { $0.downUntil[index] = nil }
                return value
            } catch let error as OpenAIBackendError where !error.isServerFailure {
                throw error  // the request itself is wrong: another server would refuse it too
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastError = error
                let until = ContinuousClock.now + coolDown
                state.withLock { $0.downUntil[index] = until }
            }
        }
        throw lastError ?? CancellationError()
    }

    static func stickyKey(_ prompt: PromptInput, prefix: Int) -> String {
        switch prompt {
        case .chat(let messages): messages.first { $0.role == .user }?.content ?? ""
        case .text(let text): String(text.prefix(prefix))
        }
    }
}

extension OpenAIBackendError {
    /// Whether the server (not the request) failed: unreachable, timed out, 5xx or 429, or an
    /// answer that is not the API's.
    var isServerFailure: Bool {
        switch self {
        case .serverUnreachable, .timedOut, .malformedResponse: true
        case .httpStatus(_, let status, _, _): status >= 500 || status == 429 || status == 408
        case .unsupported, .invalidRequest, .missingAPIKey, .invalidConfiguration: false
        }
    }
}
