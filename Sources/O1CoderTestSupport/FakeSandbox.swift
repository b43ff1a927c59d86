public import Execution
public import O1CoderCore
import Synchronization

/// A scripted `Sandbox` for logic tests: answers from closures (or a table keyed by program) and
/// records every call. Runs nothing.
public final class FakeSandbox: Sandbox {
    /// One recorded `evaluate` call.
    public struct Evaluation: Sendable, Hashable {
        public var program: String
        public var suite: TestSuite
        public var entryPoint: String?
        public var limits: ExecutionLimits
    }

    public let isolation: IsolationLevel
    private let onEvaluate: @Sendable (String, TestSuite, String?) -> ProgramReport
    private let onRun: @Sendable (ExecutionRequest) -> ExecutionOutcome
    private let recorded = Mutex<(evaluations: [Evaluation], runs: [ExecutionRequest])>(([], []))

    public init(
        isolation: IsolationLevel = .full,
        evaluate: @escaping @Sendable (_ program: String, _ suite: TestSuite, _ entryPoint: String?) -> ProgramReport,
        run: @escaping @Sendable (ExecutionRequest) -> ExecutionOutcome = { _ in
            ExecutionOutcome(termination: .exited(code: 0), stdout: "", stderr: "", elapsedSeconds: 0)
        }
    ) {
        self.isolation = isolation
        self.onEvaluate = evaluate
        self.onRun = run
    }

    /// Programs found in `verdicts` get that verdict for every test (passed → all pass; anything
    /// else → the first test carries it, the rest are not run); others get `otherwise`.
    public convenience init(verdicts: [String: Verdict], otherwise: Verdict = .failed(test: 0, message: "scripted")) {
        self.init { program, suite, _ in
            FakeSandbox.report(verdicts[program] ?? otherwise, testCount: suite.count)
        }
    }

    public var evaluations: [Evaluation] { recorded.withLock { $0.evaluations } }
    public var runs: [ExecutionRequest] { recorded.withLock { $0.runs } }

    public func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, entryPoint: nil, limits: limits)
    }

    public func evaluate(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) async throws -> ProgramReport {
        try Task.checkCancellation()
        recorded.withLock { $0.evaluations.append(Evaluation(program: program, suite: suite, entryPoint: entryPoint, limits: limits)) }
        return onEvaluate(program, suite, entryPoint)
    }

    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        try Task.checkCancellation()
        recorded.withLock { $0.runs.append(request) }
        return onRun(request)
    }

    /// A report consistent with `verdict` for a suite of `testCount` tests.
    public static func report(_ verdict: Verdict, testCount: Int) -> ProgramReport {
        // A verdict's kind is the status of the test that decided it (they share their names).
        let failing = verdict.isPassed ? nil : TestStatus(rawValue: verdict.kind.rawValue)
        var failedAt = 0
        if case .failed(let test, _) = verdict { failedAt = test }
        if case .timeout(let test?) = verdict { failedAt = test }
        let tests = (0..<testCount).map { index -> TestResult in
            guard let failing else { return TestResult(index: index, status: .passed) }
            if failing == .compileError || failing == .sandboxError { return TestResult(index: index, status: failing) }
            if index < failedAt { return TestResult(index: index, status: .passed) }
            return TestResult(index: index, status: index == failedAt ? failing : .notRun)
        }
        return ProgramReport(verdict: verdict, tests: tests, elapsedSeconds: 0)
    }
}
