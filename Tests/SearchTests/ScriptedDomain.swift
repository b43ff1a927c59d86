import Search
import Synchronization

/// A deterministic domain over string steps: non-terminal steps are "d<depth>.<i>", terminal
/// steps are "code:<path>"; rewards come from a table keyed by the terminal step (default 0).
final class ScriptedDomain: SearchDomain, Sendable {
    typealias Step = String
    let width: Int
    let terminalDepth: Int
    let rewards: [String: Double]
    let duplicateCandidates: Bool
    /// The first this-many proposals yield nothing (as when no sample parses).
    let failingProposals: Int?
    /// Steps proposed at the first expansion; later expansions follow the d/code scheme.
    let rootSteps: [(String, Bool)]?
    private let counters = Mutex((proposals: 0, rewards: 0, variants: [UInt64](), tokenLimits: [Int?]()))

    init(
        width: Int = 2, terminalDepth: Int = 3, rewards: [String: Double] = [:], duplicateCandidates: Bool = false,
        failingProposals: Int? = nil, rootSteps: [(String, Bool)]? = nil
    ) {
        self.width = width
        self.terminalDepth = terminalDepth
        self.rewards = rewards
        self.duplicateCandidates = duplicateCandidates
        self.failingProposals = failingProposals
        self.rootSteps = rootSteps
    }

    var proposals: Int { counters.withLock { $0.proposals } }
    /// The seed variant of every proposal, in order.
    var variants: [UInt64] { counters.withLock { $0.variants } }
    /// The per-sample token limit of every proposal, in order.
    var tokenLimits: [Int?] { counters.withLock { $0.tokenLimits } }
    var rewardCalls: Int { counters.withLock { $0.rewards } }

    func propose(
        after steps: [String], count: Int, mustTerminate: Bool, variant: UInt64, tokenLimit: Int?
    ) async throws -> Proposal<String> {
        counters.withLock {
            $0.proposals += 1
            $0.variants.append(variant)
            $0.tokenLimits.append(tokenLimit)
        }
        if let failing = failingProposals, counters.withLock({ $0.proposals }) <= failing {
            return Proposal(candidates: [], generatedTokens: 7)
        }
        if steps.isEmpty, let rootSteps {
            return Proposal(candidates: rootSteps.map { .init(step: $0.0, isTerminal: $0.1, generatedTokens: 10) })
        }
        let depth = steps.count + 1
        let terminal = mustTerminate || depth >= terminalDepth
        return Proposal(candidates: (0..<min(count, width)).map { i in
            let index = duplicateCandidates ? 0 : i
            let prefix = steps.joined(separator: "/")
            let text = terminal ? "code:\(prefix)/\(index)" : "d\(depth).\(index)"
            return .init(step: text, prior: 1 / Double(count), isTerminal: terminal, generatedTokens: 10)
        })
    }

    func reward(of steps: [String]) async throws -> Double {
        counters.withLock { $0.rewards += 1 }
        return rewards[steps.last ?? ""] ?? 0
    }
}
