public import O1CoderCore
import Search

/// Which tests reward the search. The final answers are always verified on the problem's own
/// (ground-truth) tests.
public enum RewardTests: Sendable, Hashable {
    /// A seeded subset of the problem's own tests (``CodeSearchConfiguration/searchTestLimit``),
    /// the original O1-CODER setting.
    case groundTruth
    /// Tests written by the test-case generator, per problem (O1-CODER's self-play setting, where
    /// no ground truth is available at search time). A problem with no entry gets an empty suite:
    /// no program earns a test reward there, and every terminal "passes" the (vacuous) suite.
    case generated([ProblemID: TestSuite])

    /// The suite that rewards the search of `problem`. Generated suites are used whole (the TCG
    /// already caps their size); ground truth is subset as configured.
    public func suite(for problem: Problem, configuration: CodeSearchConfiguration) -> TestSuite {
        switch self {
        case .groundTruth:
            return SearchTestSelection.subset(
                of: problem.tests, limit: configuration.searchTestLimit, seed: configuration.search.seed,
                problem: problem.id)
        case .generated(let suites):
            var suite = suites[problem.id] ?? TestSuite(cases: [])
            // Setup and comparison are the problem's (the TCG copies them; a hand-made file may not).
            if suite.setup.isEmpty { suite.setup = problem.tests.setup }
            if suite.preamble.isEmpty { suite.preamble = problem.tests.preamble }
            return suite
        }
    }

    /// Whether every terminal is verified on ground truth (needed to measure the reward's
    /// precision and recall), not just those that pass the reward tests and the answer.
    public var verifiesEveryTerminal: Bool {
        if case .generated = self { return true }
        return false
    }

    /// Problems that have at least one generated test (all problems for ground truth).
    public func hasTests(for problem: Problem) -> Bool {
        switch self {
        case .groundTruth: return !problem.tests.cases.isEmpty
        case .generated(let suites): return !(suites[problem.id]?.cases.isEmpty ?? true)
        }
    }
}
