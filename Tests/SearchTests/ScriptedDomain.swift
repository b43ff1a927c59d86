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
    private let counters = Mutex((proposals: 0, rewards: 0))

    init(width: Int = 2, terminalDepth: Int = 3, rewards: [String: Double] = [:], duplicateCandidates: Bool = false) {
        self.width = width
        self.terminalDepth = terminalDepth
        self.rewards = rewards
        self.duplicateCandidates = duplicateCandidates
    }

    var proposals: Int { counters.withLock { $0.proposals } }
    var rewardCalls: Int { counters.withLock { $0.rewards } }

    func propose(after steps: [String], count: Int, mustTerminate: Bool) async throws -> [SearchTree<String>.Candidate] {
        counters.withLock { $0.proposals += 1 }
        let depth = steps.count + 1
        let terminal = mustTerminate || depth >= terminalDepth
        return (0..<min(count, width)).map { i in
            let index = duplicateCandidates ? 0 : i
            let prefix = steps.joined(separator: "/")
            let text = terminal ? "code:\(prefix)/\(index)" : "d\(depth).\(index)"
            return .init(step: text, prior: 1 / Double(count), isTerminal: terminal, generatedTokens: 10)
        }
    }

    func reward(of steps: [String]) async throws -> Double {
        counters.withLock { $0.rewards += 1 }
        return rewards[steps.last ?? ""] ?? 0
    }
}
