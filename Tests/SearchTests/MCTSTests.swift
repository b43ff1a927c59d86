import Foundation
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

    @Test("Backed-up values: Q of the root is the sum of terminal rewards × visits, N flows down exactly")
    func rootValue() async throws {
        var config = SearchConfiguration.standard
        config.stopAtPerfectSolution = false
        config.rollouts = 3
        let rewards = ["code:d1.0/d2.0/0": 1.0, "code:d1.1/d2.0/1": 0.5, "code:d1.0/d2.1/1": 0.25]
        let outcome = try await MCTS(domain: ScriptedDomain(width: 2, rewards: rewards), configuration: config).search()
        let tree = outcome.tree
        #expect(outcome.statistics.rollouts == 3)
        // Every backed-up path ends at a rewarded terminal here (no depth cap, no failed expansion).
        let terminalMass = tree.terminals.reduce(0.0) { $0 + ($1.reward ?? 0) * Double($1.visits) }
        #expect(abs(tree.root.totalValue - terminalMass) < 1e-9)
        #expect(tree.root.totalValue > 0)
        for node in tree.nodes where !node.isTerminal && node.visits > 0 {
            let childVisits = node.children.reduce(0) { $0 + tree[$1].visits }
            let childValue = node.children.reduce(0.0) { $0 + tree[$1].totalValue }
            #expect(childVisits == node.visits, "N of \(node.id) is the sum of its children's")
            #expect(abs(childValue - node.totalValue) < 1e-9, "Q of \(node.id) is the sum of its children's")
        }
        // Each rollout backs up at least one path; the expansions' terminals add more.
        #expect(tree.root.visits >= 3 * 2)
    }

    @Test("A solution found by an expansion reaches every ancestor before the search stops")
    func solveBackedUp() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 20
        config.maxDepth = 3
        // Both first steps lead to a perfect code step, so whichever the rollout descends into
        // solves; its sibling code step (reward 0.2) is backed up too, after the solve.
        let rewards = ["code:d1.0/1": 1.0, "code:d1.1/1": 1.0, "code:d1.0/0": 0.2, "code:d1.1/0": 0.2]
        let domain = ScriptedDomain(width: 2, terminalDepth: 2, rewards: rewards)
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        let tree = outcome.tree
        #expect(outcome.stopReason == .perfectSolution)
        #expect(outcome.statistics.rollouts == 1)
        let solved = try #require(tree.terminals.first { $0.reward == 1 && $0.visits > 0 })
        let ancestors = tree.path(to: solved.id).dropLast()
        #expect(ancestors.count == 2)
        for id in ancestors {
            #expect(tree[id].visits == 2, "\(id) saw the solve and its sibling")
            #expect(abs(tree[id].totalValue - 1.2) < 1e-9, "\(id) holds the solve's value")
        }
        // Values along the solving path never decrease (root 0.6, step 0.6, code 1.0).
        let values = tree.path(to: solved.id).map { tree[$0].meanValue }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
        // The unsolved sibling first step was never visited: no value invented for it.
        let other = try #require(tree.root.children.first { $0 != ancestors.last })
        #expect(tree[other].visits == 0)
    }

    @Test("The original's behaviour (no terminal back-up) is kept behind the switch")
    func noBackUpSwitch() async throws {
        var config = SearchConfiguration.standard
        config.backUpEvaluatedTerminals = false
        config.maxDepth = 3
        let rewards = ["code:d1.0/1": 1.0, "code:d1.1/1": 1.0]
        let outcome = try await MCTS(
            domain: ScriptedDomain(width: 2, terminalDepth: 2, rewards: rewards), configuration: config
        ).search()
        #expect(outcome.stopReason == .perfectSolution)
        // One path backed up: the random descent's, which may or may not be the solve.
        #expect(outcome.tree.root.visits == 1)
    }

    @Test("A failed expansion is retried with a fresh seed variant, and counted")
    func failedExpansionRetried() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 1
        config.stopAtPerfectSolution = false
        let domain = ScriptedDomain(width: 2, failingProposals: 1)
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        #expect(outcome.statistics.failedExpansions == 1)
        #expect(outcome.tree.root.children.count == 2)
        #expect(!outcome.tree.root.isExhausted)
        let variants = domain.variants
        #expect(variants.count >= 2)
        #expect(variants[0] == 0, "a first attempt keeps the prefix-derived seed")
        #expect(variants[1] != 0, "the retry samples with another seed")
        // The failed attempt's tokens count against the budget too.
        #expect(outcome.statistics.generatedTokens >= 7)
    }

    @Test("A node is given up only after every retry failed")
    func failedExpansionExhausts() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 10
        config.expansionRetries = 2
        let domain = ScriptedDomain(width: 2, failingProposals: 1000)
        let outcome = try await MCTS(domain: domain, configuration: config).search()
        #expect(domain.proposals == 3)
        #expect(outcome.statistics.failedExpansions == 3)
        #expect(outcome.stopReason == .exhausted)
        #expect(Set(domain.variants).count == 3)
    }

    @Test("Faithful preset: each node's expansion has its own seed variant (duplicates grow apart)")
    func faithfulNodeSeeds() async throws {
        var config = SearchConfiguration.faithful
        config.rollouts = 6
        let domain = ScriptedDomain(width: 3, duplicateCandidates: true)
        _ = try await MCTS(domain: domain, configuration: config).search()
        let variants = domain.variants
        #expect(variants.count >= 2)
        #expect(!variants.contains(0))
        #expect(Set(variants).count == variants.count)
    }

    @Test("Configurations recorded before the new switches decode with the old behaviour")
    func legacyConfigurationDecodes() throws {
        let encoder = JSONEncoder()
        let current = SearchConfiguration.standard
        #expect(try JSONDecoder().decode(SearchConfiguration.self, from: encoder.encode(current)) == current)
        var object = try #require(
            try JSONSerialization.jsonObject(with: encoder.encode(current)) as? [String: Any])
        for key in ["backUpEvaluatedTerminals", "expansionRetries", "expansionSeedsIncludeNode"] {
            object.removeValue(forKey: key)
        }
        let old = try JSONDecoder().decode(
            SearchConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.backUpEvaluatedTerminals == false)
        #expect(old.expansionRetries == 0)
        #expect(old.expansionSeedsIncludeNode == false)
        #expect(old.rollouts == current.rollouts)
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

    @Test("Each expansion is told what is left of the token budget, shared among its samples")
    func tokenLimits() async throws {
        var config = SearchConfiguration.standard
        config.rollouts = 100
        config.tokenBudget = 45
        config.stopAtPerfectSolution = false
        let domain = ScriptedDomain(width: 3, terminalDepth: 5)
        _ = try await MCTS(domain: domain, configuration: config).search()
        // 30 tokens per expansion of 3: 45 → 15 per sample, then (45 − 30) / 3 = 5.
        #expect(Array(domain.tokenLimits.prefix(2)) == [15, 5])
        var unlimited = config
        unlimited.tokenBudget = nil
        unlimited.rollouts = 1
        let free = ScriptedDomain(width: 3, terminalDepth: 2)
        _ = try await MCTS(domain: free, configuration: unlimited).search()
        #expect(free.tokenLimits.allSatisfy { $0 == nil })
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
