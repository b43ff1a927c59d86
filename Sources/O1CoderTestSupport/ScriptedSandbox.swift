public import Execution
public import O1CoderCore

/// A `Sandbox` test double whose answers come from closures supplied by the test, and which
/// records how many calls it got. It executes nothing itself.
public struct ScriptedSandbox: Sandbox {
    public typealias EvaluateScript = @Sendable (_ program: String, _ suite: TestSuite, _ limits: ExecutionLimits) async throws -> ProgramReport
    public typealias RunScript = @Sendable (_ request: ExecutionRequest) async throws -> ExecutionOutcome

    public let isolation: IsolationLevel
    private let evaluateScript: EvaluateScript
    private let runScript: RunScript
    private let calls = CallCounter()

    public init(
        isolation: IsolationLevel = .minimal,
        evaluate: @escaping EvaluateScript = { _, _, _ in ProgramReport(verdict: .sandboxError(message: "not scripted"), tests: [], elapsedSeconds: 0) },
        run: @escaping RunScript = { _ in ExecutionOutcome(termination: .sandboxError("not scripted"), stdout: "", stderr: "", elapsedSeconds: 0) }
    ) {
        self.isolation = isolation
        self.evaluateScript = evaluate
        self.runScript = run
    }

    public func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        await calls.countEvaluate()
        return try await evaluateScript(program, suite, limits)
    }

    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        await calls.countRun()
        return try await runScript(request)
    }

    /// Calls so far to `evaluate` and `run`.
    public var callCounts: (evaluate: Int, run: Int) {
        get async { await (calls.evaluate, calls.run) }
    }

    /// A report in which every test of `suite` has `status` (verdict derived from the first
    /// non-passing test).
    public static func uniformReport(_ suite: TestSuite, status: TestStatus) -> ProgramReport {
        let tests = suite.cases.indices.map { TestResult(index: $0, status: status) }
        let verdict: Verdict = status == .passed ? .passed : .failed(test: 0, message: "scripted \(status.rawValue)")
        return ProgramReport(verdict: verdict, tests: tests, elapsedSeconds: 0.001)
    }
}

private actor CallCounter {
    var evaluate = 0
    var run = 0
    func countEvaluate() { evaluate += 1 }
    func countRun() { run += 1 }
}
