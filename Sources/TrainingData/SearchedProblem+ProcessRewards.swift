import O1CoderCore
import RunStorage
public import Inference

extension SearchedProblem {
    /// Whether DPO can pair two of this tree's traces: one verified correct, one verified to fail.
    public var canFormPreferencePair: Bool {
        terminals.contains { passesAllTests($0.nodeIndex) } && terminals.contains { failsFullTests($0.nodeIndex) }
    }

    /// `model`'s P(+) for every step on a path to a terminal, by node index, shown as the PRM is
    /// trained and as search scores it (the problem's text, each step rendered). One scoring pass
    /// per terminal path; a step's score depends only on the steps up to it, so the first path
    /// through a node gives its value and paths already fully scored are skipped.
    public func stepScores(by model: any ProcessRewardModel) async throws -> [Int: Double] {
        var scores: [Int: Double] = [:]
        for terminal in terminals {
            let path = path(to: terminal.nodeIndex)
            guard path.contains(where: { scores[$0.nodeIndex] == nil }) else { continue }
            let values = try await model.scores(problem: problem.prompt, steps: path.map(ProcessDataExporter.renderStep))
            guard values.count == path.count else {
                throw ExportError.processRewardMismatch(problem: problem.id.rawValue, scores: values.count, steps: path.count)
            }
            for (node, value) in zip(path, values) where scores[node.nodeIndex] == nil { scores[node.nodeIndex] = value }
        }
        return scores
    }
}
