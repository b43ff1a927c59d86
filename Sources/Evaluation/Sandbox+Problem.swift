public import Execution
public import O1CoderCore

extension Sandbox {
    /// Evaluates `program` against `suite` on behalf of `problem`. The single place where
    /// Evaluation calls `Sandbox.evaluate`, so an API change there (e.g. an `entryPoint:`
    /// parameter for `.call` tests, taken from `problem.entryPoint`) is adapted here only.
    public func evaluate(
        program: String, for problem: Problem, suite: TestSuite, limits: ExecutionLimits
    ) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, entryPoint: problem.entryPoint, limits: limits)
    }
}

extension ProgramReport {
    /// Whether every test of `group` passed (every test when `group` is nil).
    ///
    /// When the report has no per-test entries matching the suite (e.g. a compile error
    /// reported before any test ran) the program verdict decides.
    public func allPassed(in suite: TestSuite, group: TestGroup? = nil) -> Bool {
        guard tests.count == suite.cases.count else { return verdict.isPassed }
        for (testCase, result) in zip(suite.cases, tests) where group == nil || testCase.group == group {
            if result.status != .passed { return false }
        }
        return true
    }
}
