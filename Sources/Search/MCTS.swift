import O1CoderCore
/// Monte Carlo Tree Search over reasoning steps (spec §4.4–4.7, with the D14 fixes as switches).
///
/// Each rollout: select a leaf by UCT/PUCT, expand it with `width` policy samples, simulate by
/// random descent (expanding as needed) to a terminal, reward the terminal, back the reward up
/// every node on the path. Terminals are rewarded when created, so a terminal's value is known
/// before it is ever selected. All randomness comes from a ``SplitMix64`` seeded by the
/// configuration, so a search with a deterministic domain is reproducible.
public struct MCTS<Domain: SearchDomain>: Sendable {
    public typealias Step = Domain.Step
    public let domain: Domain
    public let configuration: SearchConfiguration

    public init(domain: Domain, configuration: SearchConfiguration) {
        self.domain = domain
        self.configuration = configuration
    }

    /// Runs the search, starting from `tree` (a fresh tree by default).
    /// `onRollout` sees the tree after each rollout (for persistence and progress).
    public func search(
        from initial: SearchTree<Step> = SearchTree(),
        onRollout: (SearchTree<Step>, SearchStatistics) async throws -> Void = { _, _ in }
    ) async throws -> SearchOutcome<Step> {
        var state = State(tree: initial, rng: SplitMix64(seed: configuration.seed))
        for t in 0..<configuration.rollouts {
            try Task.checkCancellation()
            if let budget = configuration.tokenBudget, state.stats.generatedTokens >= budget {
                return state.outcome(.tokenBudget)
            }
            guard let leaf = select(in: &state, rollout: t) else { return state.outcome(.exhausted) }
            var path = state.tree.path(to: leaf)
            var current = leaf
            // Set once the rollout's value has been backed up by the expansion itself.
            var backedUp = false
            // Expansion of the selected leaf, then simulation down to a terminal.
            while !state.tree[current].isTerminal, state.tree[current].depth < configuration.maxDepth {
                var children: [NodeID]
                if !state.tree[current].isExpanded {
                    // A path cut by the spent budget is no rollout outcome: nothing is backed up.
                    if let budget = configuration.tokenBudget, state.stats.generatedTokens >= budget {
                        backedUp = true
                        break
                    }
                    let created = try await expand(current, in: &state, rollout: t)
                    children = state.tree[current].children
                    if configuration.backUpEvaluatedTerminals {
                        backedUp = backUpTerminals(created, below: path, in: &state) || backedUp
                        if configuration.stopAtPerfectSolution, state.stats.firstSolutionRollout != nil { break }
                        // The rewarded terminals have given their value; descend through the rest.
                        children = children.filter { !created.contains($0) || !state.tree[$0].isTerminal }
                        if children.isEmpty, backedUp { break }
                    }
                } else {
                    children = state.tree[current].children
                }
                guard !children.isEmpty else { break }
                let open = children.filter { !state.tree[$0].isExhausted }
                let pool = open.isEmpty ? children : open
                current = pool[Int.random(in: 0..<pool.count, using: &state.rng)]
                path.append(current)
                backedUp = false
            }
            if !backedUp {
                let reward = try await rewardOf(current, in: &state)
                state.tree.backpropagate(reward, along: path)
                state.stats.bestReward = max(state.stats.bestReward, reward)
                if reward >= 1, state.stats.firstSolutionRollout == nil { state.stats.firstSolutionRollout = t + 1 }
                if configuration.treatTerminalsAsExhausted,
                    state.tree[current].isTerminal || state.tree[current].depth >= configuration.maxDepth
                        || state.tree[current].children.isEmpty
                {
                    state.tree.markExhausted(current)
                }
            }
            state.stats.rollouts = t + 1
            try await onRollout(state.tree, state.stats)
            if configuration.stopAtPerfectSolution, state.stats.firstSolutionRollout != nil {
                return state.outcome(.perfectSolution)
            }
        }
        return state.outcome(.rolloutBudget)
    }

    /// Backs up each rewarded terminal among `created` (children of the last node of `path`), the
    /// best first, as if a rollout had ended there; returns whether any was backed up.
    func backUpTerminals(_ created: [NodeID], below path: [NodeID], in state: inout State) -> Bool {
        let rewarded = created.compactMap { id in state.tree[id].reward.map { (id, $0) } }
            .filter { state.tree[$0.0].isTerminal }
            .sorted { ($0.1, -$0.0.rawValue) > ($1.1, -$1.0.rawValue) }
        for (id, reward) in rewarded {
            state.tree.backpropagate(reward, along: path + [id])
            if configuration.treatTerminalsAsExhausted { state.tree.markExhausted(id) }
        }
        return !rewarded.isEmpty
    }

    struct State {
        var tree: SearchTree<Step>
        var rng: SplitMix64
        var stats = SearchStatistics()

        func outcome(_ reason: SearchStopReason) -> SearchOutcome<Step> {
            SearchOutcome(tree: tree, statistics: stats, stopReason: reason)
        }
    }

    /// Descends from the root to the node to expand next; nil when the tree is exhausted.
    func select(in state: inout State, rollout t: Int) -> NodeID? {
        var node = NodeID.root
        let c = configuration.schedule.weight(
            configuration.selection.exploration, rollout: t, of: configuration.rollouts)
        while true {
            let n = state.tree[node]
            if n.isExhausted, configuration.treatTerminalsAsExhausted { return nil }
            if !n.isExpanded || n.isTerminal || n.children.isEmpty { return node }
            var candidates = n.children
            if configuration.treatTerminalsAsExhausted {
                candidates = candidates.filter { !state.tree[$0].isExhausted }
                if candidates.isEmpty {
                    state.tree.markExhausted(node)
                    if node == .root { return nil }
                    node = .root
                    continue
                }
            }
            let unvisited = candidates.filter { state.tree[$0].visits == 0 }
            if configuration.randomUnvisitedChoice, !unvisited.isEmpty {
                return unvisited[Int.random(in: 0..<unvisited.count, using: &state.rng)]
            }
            var best = candidates[0]
            var bestScore = -Double.infinity
            for child in candidates {
                let s = state.tree[child]
                let score = configuration.selection.score(
                    visits: s.visits, totalValue: s.totalValue, prior: s.prior, parentVisits: n.visits, c: c)
                if score > bestScore {
                    best = child
                    bestScore = score
                }
            }
            node = best
        }
    }

    /// Samples `width` next steps for `node` and adds them, rewarding terminals at creation.
    /// A request that yields no usable step is retried (``SearchConfiguration/expansionRetries``)
    /// with a fresh seed variant before the node is left without children.
    /// - Returns: the ids of the children created.
    @discardableResult
    func expand(_ node: NodeID, in state: inout State, rollout t: Int) async throws -> [NodeID] {
        let steps = state.tree.steps(to: node)
        let mustTerminate = configuration.forceCodeAtMaxDepth && state.tree[node].depth + 1 >= configuration.maxDepth
        var candidates: [SearchTree<Step>.Candidate] = []
        for attempt in 0...configuration.expansionRetries {
            if attempt > 0, let budget = configuration.tokenBudget, state.stats.generatedTokens >= budget { break }
            let left = configuration.tokenBudget.map { max(1, ($0 - state.stats.generatedTokens + configuration.width - 1) / configuration.width) }
            let proposal = try await domain.propose(
                after: steps, count: configuration.width, mustTerminate: mustTerminate,
                variant: expansionVariant(of: node, attempt: attempt), tokenLimit: left)
            state.stats.expansions += 1
            state.stats.generatedTokens += proposal.generatedTokens
            candidates = proposal.candidates
            if !candidates.isEmpty { break }
            state.stats.failedExpansions += 1
        }
        var rewards: [Step: Double] = [:]
        for c in candidates where c.isTerminal && rewards[c.step] == nil {
            rewards[c.step] = try await domain.reward(of: steps + [c.step])
            state.stats.rewardEvaluations += 1
        }
        if configuration.keepOnlyBestTerminal, let bestTerminal = candidates.filter(\.isTerminal)
            .enumerated().max(by: { (rewards[$0.element.step] ?? 0, -$0.offset) < (rewards[$1.element.step] ?? 0, -$1.offset) })?
            .element
        {
            candidates = [bestTerminal]
        }
        let created = state.tree.expand(
            node, with: candidates, rollout: t + 1, mergeDuplicates: configuration.mergeDuplicateSteps)
        for id in created where state.tree[id].isTerminal {
            if let step = state.tree[id].step, let r = rewards[step] {
                state.tree.setReward(r, for: id)
                // A perfect terminal counts as found as soon as it is evaluated, even if this
                // rollout's random descent goes elsewhere.
                state.stats.bestReward = max(state.stats.bestReward, r)
                if r >= 1, state.stats.firstSolutionRollout == nil { state.stats.firstSolutionRollout = t + 1 }
            }
        }
        return created
    }

    /// The seed variant of an expansion request: 0 for a first attempt at a prefix-seeded node,
    /// so seeds of earlier runs are unchanged; the node and the attempt are mixed in otherwise.
    func expansionVariant(of node: NodeID, attempt: Int) -> UInt64 {
        guard configuration.expansionSeedsIncludeNode || attempt > 0 else { return 0 }
        var mixer = SplitMix64(
            seed: (configuration.expansionSeedsIncludeNode ? UInt64(node.rawValue) &+ 1 : 0) &* 0x1_0000_0001
                ^ UInt64(attempt))
        return mixer.next() | 1
    }

    /// The reward of the node where a rollout ended: a terminal's reward, 0 for a path cut by
    /// the depth cap or a failed expansion.
    func rewardOf(_ node: NodeID, in state: inout State) async throws -> Double {
        let n = state.tree[node]
        guard n.isTerminal else { return 0 }
        if let r = n.reward { return r }
        let r = try await domain.reward(of: state.tree.steps(to: node))
        state.stats.rewardEvaluations += 1
        state.tree.setReward(r, for: node)
        return r
    }
}
