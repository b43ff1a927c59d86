public import Execution
public import O1CoderCore

/// Statement examples are sometimes wrong (HumanEval/47's median, typos in HumanEval/158) or not
/// code at all (`fib4(n) -> …`). Before public tests reward anything, each problem's reference
/// solution runs them once and only the tests it passes are kept; problems without a reference
/// keep theirs as shown.
public enum PublicTestScreen {
    public struct Outcome: Sendable {
        public var problems: [Problem]
        /// Public tests removed because the reference failed them.
        public var dropped: Int
        /// Problems left with no public test.
        public var withoutTests: Int
    }

    public static func screen(_ problems: [Problem], sandbox: any Sandbox, limits: ExecutionLimits) async throws -> Outcome {
        var result: [Problem] = []
        var dropped = 0
        for problem in problems {
            var p = problem
            if let reference = problem.referenceSolution, !problem.publicTests.cases.isEmpty {
                let report = try await sandbox.evaluate(program: reference, for: problem, suite: problem.publicTests, limits: limits)
                let kept = problem.publicTests.cases.indices.filter { i in
                    report.tests.indices.contains(i) && report.tests[i].status == .passed
                }
                dropped += problem.publicTests.cases.count - kept.count
                p.publicTests.cases = kept.map { problem.publicTests.cases[$0] }
            }
            result.append(p)
        }
        return Outcome(problems: result, dropped: dropped, withoutTests: result.filter { $0.publicTests.cases.isEmpty }.count)
    }
}

extension RewardTests {
    /// Whether the reward reads the statement's tests.
    public var usesPublicTests: Bool {
        switch self {
        case .public, .publicAndGenerated: true
        case .generated, .oracle: false
        }
    }

    /// `problems` ready for this reward: public tests screened by the reference when they reward.
    public func prepare(_ problems: [Problem], sandbox: any Sandbox, limits: ExecutionLimits) async throws -> PublicTestScreen.Outcome {
        guard usesPublicTests else { return PublicTestScreen.Outcome(problems: problems, dropped: 0, withoutTests: 0) }
        return try await PublicTestScreen.screen(problems, sandbox: sandbox, limits: limits)
    }
}
