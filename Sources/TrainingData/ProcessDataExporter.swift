public import Inference
import Reasoning
import RunStorage
import O1CoderCore

/// Pure transforms from stored search trees to training data (spec §4.12, D1, D3, D7, D8).
///
/// Step values are Q/N for intermediate steps and the raw reward for terminal steps (D1).
public struct ProcessDataExporter: Sendable {
    /// How a step's value becomes its PRM label.
    public enum LabelRule: String, Codable, Sendable, Hashable, CaseIterable {
        /// Good when the value reaches ``labelThreshold``.
        case hard
        /// Good when any rollout through the step succeeded at all (value > 0; Math-Shepherd's rule).
        case mathShepherd = "math-shepherd"
        /// The value itself is the target (in ``PRMExample/values``); labels are value ≥ 0.5 for
        /// trainers that need a class.
        case soft
    }

    /// Hard PRM label: a step is good when its value reaches this threshold. A terminal step is
    /// good only when its program passes the full test suite.
    public var labelThreshold: Double
    public var labelRule: LabelRule
    /// Minimum value gap between the two sides of a pair (PRM pairs and DPO).
    public var pairMargin: Double
    /// Both siblings of a PRM pair must have been visited at least this often.
    public var minimumVisits: Int
    /// At most this many DPO pairs per problem.
    public var maxPairsPerProblem: Int
    /// What DPO ranks traces by (and what ``pairMargin`` is measured on).
    public var dpoRanking: TraceRanking = .outcome
    /// PPM pairs: smallest Q margin between `pos` and `neg` (rStar-Math: 0.5).
    public var ppmMargin: Double = 0.5
    /// PPM pairs: fewest characters by which the two steps must differ (rStar-Math: 20).
    public var ppmMinimumEditDistance: Int = 20

    public init(
        labelThreshold: Double = 0.5, labelRule: LabelRule = .hard, pairMargin: Double = 0.2, minimumVisits: Int = 1,
        maxPairsPerProblem: Int = 4
    ) {
        self.labelThreshold = labelThreshold
        self.labelRule = labelRule
        self.pairMargin = pairMargin
        self.minimumVisits = minimumVisits
        self.maxPairsPerProblem = maxPairsPerProblem
    }

    /// Correct full traces, re-verified on all tests, one per distinct trace.
    public func sft(_ p: SearchedProblem, prompt: [ChatMessage]) -> [SFTExample] {
        var seen = Set<String>()
        return p.terminals.filter { p.passesAllTests($0.nodeIndex) }.compactMap { t in
            let text = Self.render(p.path(to: t.nodeIndex))
            guard seen.insert(text).inserted else { return nil }
            return SFTExample(
                messages: prompt + [.assistant(text)], problemId: p.problem.id.rawValue, reward: t.reward ?? 0)
        }
    }

    /// One record per complete path whose steps were each visited at least ``minimumVisits``
    /// times: every step with its value and label (``labelRule``). The record's prompt is the
    /// problem's own text, as the PRM scorer shows it (`LlamaProcessRewardModel`: the problem as
    /// the user's turn, the tagged steps as the answer), not the policy's prompt: a PRM trained
    /// on one and scored on the other would be judged off its training distribution.
    public func prm(_ p: SearchedProblem, prompt: [ChatMessage]) -> [PRMExample] {
        let promptText = p.problem.prompt
        return p.terminals.compactMap { t in
            let path = p.path(to: t.nodeIndex)
            guard path.allSatisfy({ $0.isTerminal || $0.visits >= minimumVisits }) else { return nil }
            let values = path.map(\.meanValue)
            let labels = path.map { n in
                n.isTerminal ? p.passesAllTests(n.nodeIndex) : label(n.meanValue)
            }
            return PRMExample(
                prompt: promptText, completions: path.map(Self.renderStep), labels: labels, values: values,
                hasFinalStep: true, problemId: p.problem.id.rawValue)
        }
    }

    func label(_ value: Double) -> Bool {
        switch labelRule {
        case .hard: value >= labelThreshold
        case .mathShepherd: value > 0
        case .soft: value >= 0.5
        }
    }

    /// Sibling steps whose values differ by at least the margin, better first. The prompt holds
    /// the problem and the steps before the pair, so a preference trainer sees the context.
    public func prmPairs(_ p: SearchedProblem, prompt: [ChatMessage]) -> [PRMPair] {
        let promptText = Self.flatten(prompt)
        var pairs: [PRMPair] = []
        for parent in p.nodes where !parent.isTerminal {
            let kids = p.children(of: parent.nodeIndex).filter { $0.visits >= minimumVisits || $0.isTerminal && $0.reward != nil }
            guard kids.count >= 2 else { continue }
            let prefix = p.path(to: parent.nodeIndex).map(Self.renderStep)
            let context = prefix.isEmpty ? promptText : promptText + "\n\n" + prefix.joined()
            for (i, a) in kids.enumerated() {
                for b in kids[(i + 1)...] {
                    let (hi, lo) = a.meanValue >= b.meanValue ? (a, b) : (b, a)
                    guard hi.meanValue - lo.meanValue >= pairMargin else { continue }
                    pairs.append(
                        PRMPair(
                            prompt: context, prefix: prefix, chosen: Self.renderStep(hi), rejected: Self.renderStep(lo),
                            chosenValue: hi.meanValue, rejectedValue: lo.meanValue, problemId: p.problem.id.rawValue))
                }
            }
        }
        return pairs
    }

    /// Complete traces ranked by ``dpoRanking``: the best trace verified correct against the
    /// worst verified to fail the full suite (an unverified rejected trace could be correct), with
    /// at least ``pairMargin`` between their scores; the pair's rewards are those scores.
    public func dpo(_ p: SearchedProblem, prompt: [ChatMessage]) -> [DPOPair] {
        let scored = p.terminals.map { (node: $0, score: p.score($0, by: dpoRanking)) }
        let ranked = scored.sorted { ($0.score, -$0.node.nodeIndex) > ($1.score, -$1.node.nodeIndex) }
        var pairs: [DPOPair] = []
        var used = Set<[String]>()
        outer: for good in ranked where p.passesAllTests(good.node.nodeIndex) {
            for bad in ranked.reversed() where good.score - bad.score >= pairMargin && p.failsFullTests(bad.node.nodeIndex) {
                let chosen = Self.render(p.path(to: good.node.nodeIndex))
                let rejected = Self.render(p.path(to: bad.node.nodeIndex))
                guard chosen != rejected, used.insert([chosen, rejected]).inserted else { continue }
                pairs.append(
                    DPOPair(
                        prompt: prompt, chosen: [.assistant(chosen)], rejected: [.assistant(rejected)],
                        chosenReward: good.score, rejectedReward: bad.score, problemId: p.problem.id.rawValue))
                if pairs.count >= maxPairsPerProblem { break outer }
            }
        }
        return pairs
    }

    static func renderStep(_ n: NodeRecord) -> String {
        ReasoningStep(action: n.action ?? .refine, text: n.text ?? "").rendered
    }

    static func render(_ path: [NodeRecord]) -> String {
        ReasoningTrace(steps: path.map { ReasoningStep(action: $0.action ?? .refine, text: $0.text ?? "") }).rendered
    }

    /// The prompt as one string (system, then the user turns), for string-prompt formats.
    static func flatten(_ messages: [ChatMessage]) -> String {
        messages.filter { $0.role != .assistant }.map(\.content).joined(separator: "\n\n")
    }
}
