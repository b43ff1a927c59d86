public import O1CoderCore
public import RunStorage
public import Search
public import TestGeneration

/// How well the search's reward tests stand in for ground truth, measured over the terminals of
/// a search: "positive" = passes every reward test (an empty reward suite passes vacuously, as
/// in ``TestQualityEvaluator``), truth = passes every ground-truth test. Precision is
/// P(correct | rewarded as correct), what search on generated tests relies on; recall is
/// P(rewarded as correct | correct).
///
/// Counted per terminal node that has code (the unit the search rewards), so a program reached
/// by several paths counts once per path. Terminals without extractable code are left out.
public enum RewardAgreement {
    /// The matrix of one searched problem, from its reports. Terminals missing either report
    /// are left out (every terminal has both when ``RewardTests/verifiesEveryTerminal``).
    public static func matrix(
        codes: [NodeID: String], searchReports: [NodeID: ProgramReport], fullReports: [NodeID: ProgramReport],
        rewardSuiteIsEmpty: Bool
    ) -> AgreementMatrix {
        var matrix = AgreementMatrix()
        for id in codes.keys.sorted() {
            guard let full = fullReports[id] else { continue }
            let passesReward: Bool
            if rewardSuiteIsEmpty {
                passesReward = true
            } else if let search = searchReports[id] {
                passesReward = search.verdict.isPassed
            } else {
                continue
            }
            matrix.record(passesGenerated: passesReward, passesGroundTruth: full.verdict.isPassed)
        }
        return matrix
    }

    /// The matrix of one problem from its stored executions (scope `search` = reward tests,
    /// `full` = ground truth), so a resumed run's figure covers every problem it finished.
    public static func matrix(executions: [ExecutionRecord]) -> AgreementMatrix {
        var search: [Int: ExecutionRecord] = [:]
        var full: [Int: ExecutionRecord] = [:]
        for execution in executions {
            switch execution.scope {
            case .search: search[execution.nodeIndex] = execution
            case .full: full[execution.nodeIndex] = execution
            }
        }
        var matrix = AgreementMatrix()
        for (node, truth) in full.sorted(by: { $0.key < $1.key }) {
            guard let reward = search[node] else { continue }
            // An empty reward suite is recorded with no test results: a vacuous pass.
            let passesReward = reward.verdict == .passed || reward.tests.isEmpty
            matrix.record(passesGenerated: passesReward, passesGroundTruth: truth.verdict == .passed)
        }
        return matrix
    }

    /// One line for logs: counts, precision and recall.
    public static func summary(_ matrix: AgreementMatrix) -> String {
        func percent(_ value: Double?) -> String {
            value.map { String(describing: Double(Int(($0 * 1000).rounded())) / 10) + "%" } ?? "n/a"
        }
        return "reward vs ground truth over \(matrix.total) terminals: "
            + "TP \(matrix.truePositives) FP \(matrix.falsePositives) FN \(matrix.falseNegatives) "
            + "TN \(matrix.trueNegatives) · precision \(percent(matrix.precision)) · recall \(percent(matrix.recall)) "
            + "· agreement \(percent(matrix.agreement))"
    }
}
