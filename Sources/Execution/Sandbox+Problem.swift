public import O1CoderCore

extension Sandbox {
    /// Evaluates `program` against `suite` on behalf of `problem` (its entry point drives `.call`
    /// tests). Every stage that runs a problem's tests goes through here or through
    /// ``evaluate(solution:for:suite:limits:)``.
    public func evaluate(
        program: String, for problem: Problem, suite: TestSuite, limits: ExecutionLimits
    ) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, entryPoint: problem.entryPoint, limits: limits)
    }

    /// Evaluates a whole solution written by a model (a code step, an extracted answer):
    /// `Problem.program(fromSolutionCode:)` adds what the prompt provided (HumanEval's imports).
    public func evaluate(
        solution code: String, for problem: Problem, suite: TestSuite, limits: ExecutionLimits
    ) async throws -> ProgramReport {
        try await evaluate(program: problem.program(fromSolutionCode: code), for: problem, suite: suite, limits: limits)
    }
}
