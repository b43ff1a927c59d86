public import Execution
public import O1CoderCore

/// Runs every problem's reference solution against its tests: the check that a dataset was
/// loaded correctly and the sandbox grades correct code as correct.
///
/// Expected with the real sandbox: HumanEval 164/164, MBPP 974/974 (setup code after the
/// program), sanitized MBPP 427/427, MBPP+ and HumanEval+ base+plus (after the oracle).
public struct ReferenceCheck: Sendable {
    public var sandbox: any Sandbox
    public var limits: ExecutionLimits
    /// Executions in flight at once.
    public var workers: Int

    public init(sandbox: any Sandbox, limits: ExecutionLimits = .default, workers: Int = 2) {
        self.sandbox = sandbox
        self.limits = limits
        self.workers = max(1, workers)
    }

    /// Checks each problem that has a reference solution and at least one test.
    /// - Parameter includePlus: run EvalPlus "plus" tests too (else only `.base` ones).
    public func run(
        _ problems: [Problem], includePlus: Bool = true, progress: @escaping ProgressHandler = { _ in }
    ) async throws -> ReferenceCheckReport {
        let checkable = problems.filter { $0.referenceSolution != nil && !$0.tests.cases.isEmpty }
        let skipped = problems.filter { $0.referenceSolution == nil || $0.tests.cases.isEmpty }.map {
            ReferenceCheckReport.Skip(id: $0.id, reason: $0.referenceSolution == nil ? .noReference : .noTests)
        }
        let sandbox = self.sandbox
        let limits = self.limits
        var failedSoFar = 0
        let total = checkable.count
        let results = try await boundedMap(
            checkable, limit: workers,
            onEach: { completed, result in
                if !result.passed { failedSoFar += 1 }
                progress(EvaluationProgress(phase: "reference check", completed: completed, total: total, failed: failedSoFar))
            }
        ) { problem -> ReferenceCheckReport.Result in
            let suite = includePlus ? problem.tests : problem.tests.filtered { $0.group == .base }
            let report = try await sandbox.evaluate(
                program: problem.referenceSolution ?? "", for: problem, suite: suite, limits: limits)
            let hasPlus = suite.cases.contains { $0.group == .plus }
            return ReferenceCheckReport.Result(
                id: problem.id, report: report, basePassed: report.allPassed(in: suite, group: .base),
                plusPassed: hasPlus ? report.allPassed(in: suite) : nil)
        }
        return ReferenceCheckReport(results: results, skipped: skipped)
    }
}

/// The outcome of a ``ReferenceCheck``.
public struct ReferenceCheckReport: Sendable, Codable, Hashable {
    /// One checked problem.
    public struct Result: Sendable, Codable, Hashable {
        public var id: ProblemID
        public var report: ProgramReport
        /// All `.base` tests passed.
        public var basePassed: Bool
        /// All tests, base and plus, passed; `nil` when the suite has no plus tests.
        public var plusPassed: Bool?
        /// Base and (when present) plus passed.
        public var passed: Bool { basePassed && (plusPassed ?? true) }
    }

    /// A problem that could not be checked.
    public struct Skip: Sendable, Codable, Hashable {
        public enum Reason: String, Sendable, Codable, Hashable {
            case noReference = "no reference solution"
            case noTests = "no tests"
        }
        public var id: ProblemID
        public var reason: Reason
    }

    public var results: [Result]
    public var skipped: [Skip]

    public init(results: [Result], skipped: [Skip] = []) {
        self.results = results
        self.skipped = skipped
    }

    public var checkedCount: Int { results.count }
    public var passedCount: Int { results.count { $0.passed } }
    public var basePassedCount: Int { results.count { $0.basePassed } }
    /// Problems whose reference did not pass, in input order.
    public var failures: [Result] { results.filter { !$0.passed } }
}
