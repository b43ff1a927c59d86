public import Inference
import O1CoderCore
import RunStorage

extension ProcessDataExporter {
    /// rStar-Math's selection of process preference pairs: at every step, the two children with
    /// the highest Q among those whose subtree reached a verified-correct answer, against the two
    /// with the lowest Q among those whose subtree reached only verified-wrong answers; a pair is
    /// kept when the Q margin is at least ``ppmMargin`` and the two steps differ by at least
    /// ``ppmMinimumEditDistance`` characters (near-identical steps teach nothing).
    public func ppmPairs(_ p: SearchedProblem, prompt: [ChatMessage]) -> [PPMPair] {
        let promptText = Self.flatten(prompt)
        let outcome = Self.subtreeOutcomes(p)
        var pairs: [PPMPair] = []
        for parent in p.nodes where !parent.isTerminal {
            let kids = p.children(of: parent.nodeIndex).filter { $0.visits >= minimumVisits || $0.isTerminal && $0.reward != nil }
            let good = kids.filter { outcome[$0.nodeIndex] == .correct }.sorted { $0.meanValue > $1.meanValue }.prefix(2)
            let bad = kids.filter { outcome[$0.nodeIndex] == .wrong }.sorted { $0.meanValue < $1.meanValue }.prefix(2)
            guard !good.isEmpty, !bad.isEmpty else { continue }
            let prefix = p.path(to: parent.nodeIndex).map(Self.renderStep)
            let context = prefix.isEmpty ? promptText : promptText + "\n\n" + prefix.joined()
            for hi in good {
                for lo in bad where hi.meanValue - lo.meanValue >= ppmMargin {
                    let pos = Self.renderStep(hi)
                    let neg = Self.renderStep(lo)
                    guard Self.editDistance(pos, neg, atLeast: ppmMinimumEditDistance) else { continue }
                    pairs.append(
                        PPMPair(
                            prompt: context, prefix: prefix, pos: pos, neg: neg, posQ: hi.meanValue, negQ: lo.meanValue,
                            problemId: p.problem.id.rawValue))
                }
            }
        }
        return pairs
    }

    enum SubtreeOutcome { case correct, wrong }

    /// Per node: correct when some terminal below it (itself included) passes the full suite,
    /// wrong when every terminal below it was verified and failed; absent otherwise.
    static func subtreeOutcomes(_ p: SearchedProblem) -> [Int: SubtreeOutcome] {
        var passes: [Int: Bool] = [:]  // any verified pass below
        var verified: [Int: Bool] = [:]  // every terminal below verified-failing, and at least one
        for t in p.terminals {
            let pass = p.passesAllTests(t.nodeIndex)
            let fail = p.failsFullTests(t.nodeIndex)
            var current: NodeRecord? = t
            while let n = current {
                if pass { passes[n.nodeIndex] = true }
                verified[n.nodeIndex] = (verified[n.nodeIndex] ?? true) && (pass || fail)
                current = n.parentIndex.flatMap(p.node)
            }
        }
        var result: [Int: SubtreeOutcome] = [:]
        for (index, allVerified) in verified {
            if passes[index] == true { result[index] = .correct } else if allVerified { result[index] = .wrong }
        }
        return result
    }

    /// Whether the Levenshtein distance of `a` and `b` (in characters) is at least `bound`.
    static func editDistance(_ a: String, _ b: String, atLeast bound: Int) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) < bound else { return true }
        guard !x.isEmpty else { return y.count >= bound }
        var row = Array(0...y.count)
        for i in 1...x.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                let keep = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = keep
            }
        }
        return row[y.count] >= bound
    }
}
