/// The tests of one problem, in the representation the sandbox harness executes.
public struct TestSuite: Codable, Sendable, Hashable {
    /// Python run after the program and before the tests (MBPP `test_setup_code`, imports).
    public var setup: String
    /// Python run before the program (rare: sanitized MBPP `test_imports` are placed here too).
    public var preamble: String
    public var cases: [TestCase]
    /// How call results are compared with expected values.
    public var comparison: Comparison
    /// Stop at the first test that does not pass (the rest are `notRun`): the verdict is the
    /// same, the pass rate is not, and a failing program costs one test, not all.
    public var stopAtFirstFailure: Bool

    public init(
        setup: String = "", preamble: String = "", cases: [TestCase],
        comparison: Comparison = .exact, stopAtFirstFailure: Bool = false
    ) {
        self.setup = setup
        self.preamble = preamble
        self.cases = cases
        self.comparison = comparison
        self.stopAtFirstFailure = stopAtFirstFailure
    }

    enum CodingKeys: String, CodingKey {
        case setup, preamble, cases, comparison, stopAtFirstFailure
    }

    // Suites stored before `stopAtFirstFailure` existed decode as running every test, and a
    // suite that runs every test encodes as it always did.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        setup = try c.decode(String.self, forKey: .setup)
        preamble = try c.decode(String.self, forKey: .preamble)
        cases = try c.decode([TestCase].self, forKey: .cases)
        comparison = try c.decode(Comparison.self, forKey: .comparison)
        stopAtFirstFailure = try c.decodeIfPresent(Bool.self, forKey: .stopAtFirstFailure) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(setup, forKey: .setup)
        try c.encode(preamble, forKey: .preamble)
        try c.encode(cases, forKey: .cases)
        try c.encode(comparison, forKey: .comparison)
        if stopAtFirstFailure { try c.encode(true, forKey: .stopAtFirstFailure) }
    }

    public var count: Int { cases.count }

    /// A subset of the cases (e.g. EvalPlus base vs plus), keeping setup and comparison.
    public func filtered(_ isIncluded: (TestCase) -> Bool) -> TestSuite {
        TestSuite(
            setup: setup, preamble: preamble, cases: cases.filter(isIncluded), comparison: comparison,
            stopAtFirstFailure: stopAtFirstFailure)
    }
}

/// How returned values are compared with expected ones.
public enum Comparison: Codable, Sendable, Hashable {
    /// Python `==`, after turning tuples into lists on both sides.
    case exact
    /// `==`, or for floats (also inside lists/tuples) `abs(a - b) <= tolerance` (EvalPlus `atol`).
    case absoluteTolerance(Double)
}

/// One test. Each kind is run by the harness in the same process after the program is loaded,
/// so one execution yields a verdict per test.
public enum TestCase: Codable, Sendable, Hashable {
    /// A Python statement, typically `assert f(1) == 2` (MBPP).
    case assertion(String, group: TestGroup = .base)
    /// A Python script run after the program, e.g. HumanEval's `def check(candidate): …` followed
    /// by `check(entry_point)`. Counts as one test.
    case script(String, group: TestGroup = .base)
    /// Call the entry point with `arguments` (a JSON array) and compare with `expected`.
    case call(arguments: String, expected: ExpectedValue, group: TestGroup = .base)
    /// Run the program with `input` on stdin and compare stdout with `expectedOutput`
    /// (trailing whitespace per line and surrounding blank lines are ignored).
    case standardIO(input: String, expectedOutput: String, group: TestGroup = .base)

    public var group: TestGroup {
        switch self {
        case .assertion(_, let g), .script(_, let g), .call(_, _, let g), .standardIO(_, _, let g): g
        }
    }
}

/// EvalPlus distinguishes the original ("base") tests from its extra ("plus") tests.
public enum TestGroup: String, Codable, Sendable, Hashable {
    case base
    case plus
}

/// The expected result of a call test.
public enum ExpectedValue: Codable, Sendable, Hashable {
    /// A JSON value (TACO/APPS outputs).
    case json(String)
    /// A Python literal as produced by `repr` (values computed by running a reference solution).
    case pythonLiteral(String)
    /// TACO-style: the outputs list wraps the value; accept `value` or `value[0]`.
    case jsonWrapped(String)
}
