public import O1CoderCore

/// Runs untrusted Python. Implementations: `ProcessSandbox` (real isolation, warm workers) and,
/// for unit tests of logic, `FakeSandbox` in O1CoderTestSupport.
///
/// Both methods return outcomes as values; they throw only when the tool itself fails
/// (e.g. the sandbox was shut down) or on cancellation.
public protocol Sandbox: Sendable {
    /// The isolation actually in force (not the one asked for).
    var isolation: IsolationLevel { get }

    /// Runs `program` followed by every test of `suite`, one verdict per test.
    func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport

    /// Like `evaluate(program:suite:limits:)`, naming the function that `.call` tests call
    /// (`Problem.entryPoint`; for `class Solution` programs, the method of `Solution()`).
    func evaluate(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) async throws -> ProgramReport

    /// Runs a raw program with optional stdin and returns what it did.
    func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome
}

extension Sandbox {
    /// Default for conformers that do not run `.call` tests: ignores the entry point.
    public func evaluate(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, limits: limits)
    }
}

/// Per-execution resource limits.
public struct ExecutionLimits: Codable, Sendable, Hashable {
    /// CPU time for the whole execution (RLIMIT_CPU); the fair limit on a loaded machine.
    public var cpuSeconds: Double
    /// Wall-clock limit; looser than CPU so a busy machine does not flip verdicts (catches sleep).
    public var wallSeconds: Double
    public var memory: ByteCount
    /// Cap on captured stdout and stderr each.
    public var output: ByteCount
    public var processes: Int
    public var openFiles: Int

    public init(
        cpuSeconds: Double = 4, wallSeconds: Double? = nil, memory: ByteCount = .gibibytes(1),
        output: ByteCount = .mebibytes(1), processes: Int = 64, openFiles: Int = 64
    ) {
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds ?? Self.wallSeconds(forCPU: cpuSeconds)
        self.memory = memory
        self.output = output
        self.processes = processes
        self.openFiles = openFiles
    }

    public static let `default` = ExecutionLimits()

    /// The wall limit that goes with a CPU limit when none is given.
    public static func wallSeconds(forCPU cpuSeconds: Double) -> Double { max(cpuSeconds * 3, cpuSeconds + 2) }
}

/// How strongly executions are isolated, strongest first.
public enum IsolationLevel: String, Codable, Sendable, Comparable, CaseIterable {
    /// bubblewrap (unprivileged uid, all namespaces, read-only root) + a fresh user and pid
    /// namespace per execution + rlimits + seccomp.
    case full
    /// No bubblewrap or user namespaces: unprivileged uid + rlimits + seccomp only.
    case reduced
    /// rlimits only (no uid drop, no seccomp). Never chosen silently.
    case minimal

    private var rank: Int { switch self { case .full: 2; case .reduced: 1; case .minimal: 0 } }
    public static func < (a: IsolationLevel, b: IsolationLevel) -> Bool { a.rank < b.rank }
}

/// A raw program run.
public struct ExecutionRequest: Codable, Sendable, Hashable {
    public var program: String
    public var stdin: String
    public var limits: ExecutionLimits
    public init(program: String, stdin: String = "", limits: ExecutionLimits = .default) {
        self.program = program
        self.stdin = stdin
        self.limits = limits
    }
}

/// What a raw program run did.
public struct ExecutionOutcome: Codable, Sendable, Hashable {
    public enum Termination: Codable, Sendable, Hashable {
        case exited(code: Int32)
        case signaled(signal: Int32)
        case cpuTimeout
        case wallTimeout
        case memoryLimit
        case outputLimit
        case sandboxError(String)
    }
    public var termination: Termination
    public var stdout: String
    public var stderr: String
    public var stdoutTruncated: Bool
    public var stderrTruncated: Bool
    public var elapsedSeconds: Double

    public init(
        termination: Termination, stdout: String, stderr: String, stdoutTruncated: Bool = false,
        stderrTruncated: Bool = false, elapsedSeconds: Double
    ) {
        self.termination = termination
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.elapsedSeconds = elapsedSeconds
    }

    public var isSuccess: Bool { termination == .exited(code: 0) }
}
