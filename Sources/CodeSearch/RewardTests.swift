public import O1CoderCore
import Search

/// Which tests reward the search. Answers are always verified on the problem's full ground-truth
/// suite, and "solved" means passing it; only ``oracle`` lets the reward see those tests.
public enum RewardTests: Sendable, Hashable {
    /// The tests the statement shows (``Problem/publicTests``): docstring examples, the prompt's
    /// assert, sample I/O. The default: honest, since the solver is shown them anyway.
    case `public`
    /// Tests written by the test-case generator, per problem (O1-CODER's self-play setting). A
    /// problem with no entry gets an empty suite: no program earns a test reward there.
    case generated([ProblemID: TestSuite])
    /// Public tests and generated tests together.
    case publicAndGenerated([ProblemID: TestSuite])
    /// A seeded subset (``CodeSearchConfiguration/searchTestLimit``) of the ground-truth suite,
    /// as in the original O1-CODER: the reward sees the tests that decide "solved", so results
    /// under it are *oracle*-assisted and labelled so wherever they are printed.
    case oracle

    /// The command-line and record spelling.
    public var name: String {
        switch self {
        case .public: "public"
        case .generated: "generated"
        case .publicAndGenerated: "public+generated"
        case .oracle: "oracle"
        }
    }

    public var isOracle: Bool { self == .oracle }

    /// The suite that rewards the search of `problem`. Generated suites are used whole (the TCG
    /// already caps their size); ground truth is subset as configured.
    public func suite(for problem: Problem, configuration: CodeSearchConfiguration) -> TestSuite {
        switch self {
        case .oracle:
            return SearchTestSelection.subset(
                of: problem.tests, limit: configuration.searchTestLimit, seed: configuration.search.seed,
                problem: problem.id, rule: configuration.effectiveSeedRule)
        case .public:
            return problem.publicTests
        case .generated(let suites):
            return Self.generatedSuite(suites[problem.id], for: problem)
        case .publicAndGenerated(let suites):
            var suite = problem.publicTests
            suite.cases += Self.generatedSuite(suites[problem.id], for: problem).cases
            return suite
        }
    }

    static func generatedSuite(_ generated: TestSuite?, for problem: Problem) -> TestSuite {
        var suite = generated ?? TestSuite(cases: [])
        // Setup and comparison are the problem's (the TCG copies them; a hand-made file may not).
        if suite.setup.isEmpty { suite.setup = problem.tests.setup }
        if suite.preamble.isEmpty { suite.preamble = problem.tests.preamble }
        return suite
    }

    /// Whether every terminal is also verified on ground truth, to measure the reward's precision
    /// and recall against it (every non-oracle reward), not just the passing ones and the answer.
    public var verifiesEveryTerminal: Bool { !isOracle }

    /// Whether `problem` has at least one reward test under this choice.
    public func hasTests(for problem: Problem) -> Bool {
        switch self {
        case .oracle: return !problem.tests.cases.isEmpty
        case .public: return !problem.publicTests.cases.isEmpty
        case .generated(let suites): return !(suites[problem.id]?.cases.isEmpty ?? true)
        case .publicAndGenerated(let suites):
            return !problem.publicTests.cases.isEmpty || !(suites[problem.id]?.cases.isEmpty ?? true)
        }
    }
}
