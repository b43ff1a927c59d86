@testable import Search
import Testing

@Suite struct SearchTreeTests {
    typealias Tree = SearchTree<String>

    @Test("Backpropagation adds the reward and one visit to every node on the path")
    func backpropagation() {
        var tree = Tree()
        let a = tree.expand(.root, with: [.init(step: "a", isTerminal: false), .init(step: "b", isTerminal: false)], rollout: 1)
        let c = tree.expand(a[0], with: [.init(step: "c", isTerminal: true)], rollout: 1)
        tree.backpropagate(0.5, along: tree.path(to: c[0]))
        tree.backpropagate(1.0, along: tree.path(to: a[0]))

        #expect(tree.root.visits == 2)
        #expect(tree.root.totalValue == 1.5)
        #expect(tree[a[0]].visits == 2)
        #expect(tree[a[0]].meanValue == 0.75)
        #expect(tree[c[0]].visits == 1)
        #expect(tree[a[1]].visits == 0)
        #expect(tree.steps(to: c[0]) == ["a", "c"])
    }

    @Test("Identical sibling steps merge; without merging they are kept")
    func duplicates() {
        var merged = Tree()
        let ids = merged.expand(.root, with: [.init(step: "x", isTerminal: false), .init(step: "x", isTerminal: false), .init(step: "y", isTerminal: false)], rollout: 1)
        #expect(ids.count == 2)
        #expect(merged.root.children.count == 2)

        var kept = Tree()
        kept.expand(.root, with: [.init(step: "x", isTerminal: false), .init(step: "x", isTerminal: false)], rollout: 1, mergeDuplicates: false)
        #expect(kept.root.children.count == 2)
    }

    @Test("Exhaustion propagates to a parent once all its children are exhausted")
    func exhaustion() {
        var tree = Tree()
        let kids = tree.expand(.root, with: [.init(step: "a", isTerminal: true), .init(step: "b", isTerminal: true)], rollout: 1)
        tree.markExhausted(kids[0])
        #expect(!tree.root.isExhausted)
        tree.markExhausted(kids[1])
        #expect(tree.root.isExhausted)
    }

    @Test("A terminal's mean value is its reward, not reward / visits (spec D1)")
    func terminalValue() {
        var tree = Tree()
        let t = tree.expand(.root, with: [.init(step: "code", isTerminal: true)], rollout: 1)[0]
        tree.setReward(1, for: t)
        for _ in 0..<4 { tree.backpropagate(1, along: tree.path(to: t)) }
        #expect(tree[t].meanValue == 1)
        #expect(tree[t].visits == 4)
    }

    @Test("UCT: unvisited children first, then mean + c·sqrt(ln N / n)")
    func uctScore() {
        let uct = SelectionPolicy.uct(exploration: 2)
        #expect(uct.score(visits: 0, totalValue: 0, prior: 1, parentVisits: 5, c: 2) == .infinity)
        let s = uct.score(visits: 2, totalValue: 1, prior: 1, parentVisits: 8, c: 2)
        #expect(abs(s - (0.5 + 2 * (log(8.0) / 2).squareRoot())) < 1e-12)
        let puct = SelectionPolicy.puct(exploration: 1)
        #expect(abs(puct.score(visits: 0, totalValue: 0, prior: 0.5, parentVisits: 4, c: 1) - 1.0) < 1e-12)
    }

    @Test("Exploration schedules follow rStar's formulas")
    func schedules() {
        #expect(ExplorationSchedule.constant.weight(2, rollout: 5, of: 10) == 2)
        #expect(abs(ExplorationSchedule.linear.weight(2, rollout: 5, of: 10) - 2 * 0.55) < 1e-12)
        #expect(abs(ExplorationSchedule.exponential.weight(2, rollout: 10, of: 10) - 0.2) < 1e-12)
    }
}

#if canImport(Glibc)
import Glibc
#endif
