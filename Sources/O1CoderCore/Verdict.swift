/// The outcome of one test. An outcome is data, never an error.
public enum TestStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case passed
    /// Wrong answer or failed assertion.
    case failed
    case timeout
    case memoryLimit = "memory_limit"
    case outputLimit = "output_limit"
    /// The program or test raised something other than an assertion failure.
    case runtimeError = "runtime_error"
    /// The program does not compile (SyntaxError, or null bytes in the source). An exception
    /// while the program loads is a `runtimeError`.
    case compileError = "compile_error"
    /// The sandbox itself failed (worker died); the program is not to blame.
    case sandboxError = "sandbox_error"
    /// Not run because an earlier failure stopped the execution (timeout, crash).
    case notRun = "not_run"
}

/// Result of one test within one execution.
public struct TestResult: Codable, Sendable, Hashable {
    public var index: Int
    public var status: TestStatus
    /// Tail of the error message or traceback, when the test did not pass.
    public var message: String?

    public init(index: Int, status: TestStatus, message: String? = nil) {
        self.index = index
        self.status = status
        self.message = message
    }
}

/// The verdict on a whole program: the first non-passing test decides.
public enum Verdict: Codable, Sendable, Hashable {
    case passed
    case failed(test: Int, message: String?)
    case timeout(test: Int?)
    case memoryLimit
    case outputLimit
    case runtimeError(message: String?)
    case compileError(message: String?)
    case sandboxError(message: String)

    public var isPassed: Bool { if case .passed = self { true } else { false } }

    /// A verdict without its details: what the run store keeps per execution and tables count.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case passed
        case failed
        case timeout
        case memoryLimit = "memory_limit"
        case outputLimit = "output_limit"
        case runtimeError = "runtime_error"
        case compileError = "compile_error"
        case sandboxError = "sandbox_error"
    }

    public var kind: Kind {
        switch self {
        case .passed: .passed
        case .failed: .failed
        case .timeout: .timeout
        case .memoryLimit: .memoryLimit
        case .outputLimit: .outputLimit
        case .runtimeError: .runtimeError
        case .compileError: .compileError
        case .sandboxError: .sandboxError
        }
    }

    /// Short machine-readable name, e.g. for JSONL output and tables.
    public var name: String { kind.rawValue }
}

/// Everything one sandboxed evaluation of a program against a suite produced.
public struct ProgramReport: Codable, Sendable, Hashable {
    public var verdict: Verdict
    /// One entry per test case, in suite order.
    public var tests: [TestResult]
    /// Wall-clock time of the execution, in seconds.
    public var elapsedSeconds: Double
    public var stdoutTail: String
    public var stderrTail: String
    /// Lines (1-based, of the program as evaluated) that the answer sanitizer blanked before the
    /// program ran: the model's own top-level tests, calls and prints. Empty when nothing was
    /// dropped or sanitizing was off; the program itself stays the record.
    public var droppedLines: [ClosedRange<Int>]

    public init(
        verdict: Verdict, tests: [TestResult], elapsedSeconds: Double,
        stdoutTail: String = "", stderrTail: String = "", droppedLines: [ClosedRange<Int>] = []
    ) {
        self.verdict = verdict
        self.tests = tests
        self.elapsedSeconds = elapsedSeconds
        self.stdoutTail = stdoutTail
        self.stderrTail = stderrTail
        self.droppedLines = droppedLines
    }

    enum CodingKeys: String, CodingKey {
        case verdict, tests, elapsedSeconds, stdoutTail, stderrTail, droppedLines
    }

    /// Reports stored before `droppedLines` existed decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        tests = try container.decode([TestResult].self, forKey: .tests)
        elapsedSeconds = try container.decode(Double.self, forKey: .elapsedSeconds)
        stdoutTail = try container.decode(String.self, forKey: .stdoutTail)
        stderrTail = try container.decode(String.self, forKey: .stderrTail)
        droppedLines = try container.decodeIfPresent([ClosedRange<Int>].self, forKey: .droppedLines) ?? []
    }

    /// `droppedLines` is written only when there are some, so unsanitized reports encode as before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(tests, forKey: .tests)
        try container.encode(elapsedSeconds, forKey: .elapsedSeconds)
        try container.encode(stdoutTail, forKey: .stdoutTail)
        try container.encode(stderrTail, forKey: .stderrTail)
        if !droppedLines.isEmpty { try container.encode(droppedLines, forKey: .droppedLines) }
    }

    public var passedCount: Int { tests.count { $0.status == .passed } }
    /// Fraction of tests passed (0 when the suite is empty): the search reward.
    public var passRate: Double { tests.isEmpty ? 0 : Double(passedCount) / Double(tests.count) }
}
