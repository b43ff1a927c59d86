import Search
import Testing

@Suite struct MCTSTests {
    @Test("The same seed gives the same tree; the search is a pure function of domain and seed")
    func determinism() async throws {
        let config = SearchConfiguration.faithful
        let a = try await MCTS(domain: ScriptedDomain(width: 3), configuration: config).search()
        let b = try await MCTS(domain: ScriptedDomain(width: 3), configuration: config).search()
        #expect(a.tree.nodes.map(\.step) == b.tree.nodes.map(\.step))
        #expect(a.tree.nodes.map(\.visits) == b.tree.nodes.map(\.visits))
        #expect(a.statistics == b.statistics)
    }

    @Test("Backed-up values: the root's Q equals the sum of rollout rewards")
    func rootValue() async throws {
        var config = SearchConfiguration.standard
        config.stopAtPerfectSolution = false
        config.rollouts = 6
        // Every one of the 2 × 2 × 2 terminals has its own positive reward, so each rollout adds
        // a known, non-zero amount and the sum identifies which terminals were reached.
        var rewards: [String: Double] = [:]
        for (k, (i, j, l)) in [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)].enumerated() {
            rewards["code:d1.\(i)/d2.\(j)/\(l)"] = Double(1 << k) / 256
        }
        // The reward each rollout backed up, read off the tree it left: the rollout ends at the
        // node whose visit count grew while none of its children's did.
        var previous = SearchTree<String>()
        var rolloutRewards: [Double] = []
        let outcome = try await MCTS(domain: ScriptedDomain(width: 2, rewards: rewards), configuration: config)
            .search { tree, _ in
                let grown = tree.nodes.filter { $0.visits > (($0.id.rawValue < previous.count) ? previous[$0.id].visits : 0) }
                let ends = grown.filter { node in !node.children.contains { child in grown.contains { $0.id == child } } }
                #expect(ends.count == 1)
                rolloutRewards.append(ends.first.map { $0.isTerminal ? $0.reward ?? 0 : 0 } ?? .nan)
                previous = tree
            }

        #expect(outcome.statistics.rollouts == 6)
        #expect(rolloutRewards.count == 6)
        #expect(rolloutRewards.allSatisfy { $0 > 0 }, "every rollout reaches a rewarded terminal")
        #expect(outcome.tree.root.visits == 6)
        #expect(abs(outcome.tree.root.totalValue - rolloutRewards.reduce(0, +)) < 1e-12)
        // Below the root too: an expanded node's N and Q are exactly its children's sums.
        for node in outcome.tree.nodes where !node.children.isEmpty {
            let children = node.children.map { outcome.tree[$0] }
            #expect(children.reduce(0) { $0 + $1.visits } == node.visits)
            #expect(abs(children.reduce(0) { $0 + $1.totalValue } - node.totalValue) < 1e-12)
        }
    }

    @Test("Early stop: the search ends in the rollout that finds a perfect solution")
    func earlyStop() async throws {
        let rewards = ["code:d1.0/d2.0/0": 1.0]
        var config = SearchConfiguration.standard
        config.rollouts = 50
        let outcome = try await MCTS(domain: ScriptedDomain(width: 1, rewards: rewards), configuration: config).search()
        #expect(outcome.stopReason == .perfectSolution)
        #expect(outcome.statistics.rollouts == 1)
        #expect(outcome.statistics.firstSolutionRollout == 1)
        #expect(outcome.best?.reward == 1)
    }

    @Test("Exhaustion: a small tree stops the search before the rollout budget")
    func exhaustion() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 100
        config.maxDepth = 2
        let domain = ScriptedDomain(width: 2, terminalDepth: 2)
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        #expect(outcome.stopReason == .exhausted)
        // 2 first steps × 2 code steps = 4 terminals, each rewarded exactly once.
        #expect(outcome.tree.terminals.count == 4)
        #expect(domain.rewardCalls == 4)
        #expect(outcome.statistics.rollouts <= 4)
    }

    @Test("Faithful mode re-selects terminals without new model calls (the original's quirk)")
    func faithfulReselection() async throws {
        var config = SearchConfiguration.faithful
        config.maxDepth = 2
        config.rollouts = 10
        let domain = ScriptedDomain(width: 2, terminalDepth: 2)
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        #expect(outcome.stopReason == .rolloutBudget)
        #expect(outcome.statistics.rollouts == 10)
        // root + 2 pseudocode children, each with one kept terminal: 3 expansions at most.
        #expect(domain.proposals <= 3)
        #expect(outcome.tree.root.visits == 10)
    }

    @Test("Faithful pruning keeps only the best terminal among the candidates")
    func keepOnlyBestTerminal() async throws {
        var config = SearchConfiguration.faithful
        config.maxDepth = 1
        config.rollouts = 1
        let domain = ScriptedDomain(width: 3, terminalDepth: 1, rewards: ["code:/1": 0.7, "code:/2": 0.9])
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        #expect(outcome.tree.root.children.count == 1)
        #expect(outcome.tree[outcome.tree.root.children[0]].step == "code:/2")
        #expect(outcome.best?.reward == 0.9)
    }

    @Test("Identical samples merge into one child in the standard preset")
    func dedup() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 1
        let outcome = try await MCTS(domain: ScriptedDomain(width: 3, duplicateCandidates: true), configuration: config).search()
        #expect(outcome.tree.root.children.count == 1)
    }

    @Test("The token budget stops the search")
    func tokenBudget() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 100
        config.tokenBudget = 45
        config.stopAtPerfectSolution = false
        let outcome = try await MCTS(domain: ScriptedDomain(width: 3, terminalDepth: 5), configuration: config).search()
        #expect(outcome.stopReason == .tokenBudget)
        #expect(outcome.statistics.generatedTokens >= 45)
    }

    @Test("At the depth cap the policy is asked for a final step")
    func forcedCode() async throws {
        var config = SearchConfiguration.standard
        config.maxDepth = 2
        config.rollouts = 1
        let outcome = try await MCTS(domain: ScriptedDomain(width: 1, terminalDepth: 10), configuration: config).search()
        #expect(outcome.tree.terminals.count == 1)
        #expect(outcome.tree.terminals[0].depth == 2)
    }

    @Test("UCT selection prefers the child with the higher value once all are visited")
    func uctOrder() async throws {
        var config = SearchConfiguration.standard
        config.selection = .uct(exploration: 0)
        config.stopAtPerfectSolution = false
        config.treatTerminalsAsExhausted = false
        config.maxDepth = 1
        config.rollouts = 6
        let domain = ScriptedDomain(width: 2, terminalDepth: 1, rewards: ["code:/0": 0.2, "code:/1": 0.8])
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        let kids = outcome.tree.root.children.map { outcome.tree[$0] }
        #expect(kids.count == 2)
        // One exploratory rollout each, then exploitation of the better child.
        #expect(kids[1].visits > kids[0].visits)
    }
}
