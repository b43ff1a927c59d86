internal import Foundation
import O1CoderCore

/// One request line sent to a Python worker (newline-delimited JSON; see Python/worker.py).
struct WorkerRequest: Encodable, Sendable {
    enum Mode: String, Encodable, Sendable {
        case run
        case evaluate
    }

    var id: Int
    var mode: Mode
    var program: String
    var stdin: String
    var suite: WireSuite?
    var entryPoint: String?
    /// Sanitize the program before loading it (see Python/sanitize.py); honoured only with an
    /// entry point and no stdio tests.
    var sanitize: Bool
    var cpuSeconds: Double
    var wallSeconds: Double
    var memoryBytes: Int
    var outputBytes: Int
    var processes: Int
    var openFiles: Int

    enum CodingKeys: String, CodingKey {
        case id, mode, program, stdin, suite, sanitize
        case entryPoint = "entry_point"
        case cpuSeconds = "cpu_s"
        case wallSeconds = "wall_s"
        case memoryBytes = "mem_bytes"
        case outputBytes = "out_bytes"
        case processes = "nproc"
        case openFiles = "nofile"
    }

    init(
        id: Int, mode: Mode, program: String, stdin: String, suite: TestSuite?, entryPoint: String?,
        sanitize: Bool = false, limits: ExecutionLimits
    ) {
        self.id = id
        self.mode = mode
        self.program = program
        self.stdin = stdin
        self.suite = suite.map(WireSuite.init)
        self.entryPoint = entryPoint
        self.sanitize = sanitize
        self.cpuSeconds = limits.cpuSeconds
        self.wallSeconds = limits.wallSeconds
        self.memoryBytes = limits.memory.rawValue
        self.outputBytes = limits.output.rawValue
        self.processes = limits.processes
        self.openFiles = limits.openFiles
    }
}

/// The harness's flat view of a `TestSuite`.
struct WireSuite: Encodable, Sendable {
    struct Case: Encodable, Sendable {
        var kind: String
        var code: String?
        var args: String?
        var expected: String?
        var expectedKind: String?
        var input: String?
        var output: String?

        enum CodingKeys: String, CodingKey {
            case kind, code, args, expected, input, output
            case expectedKind = "expected_kind"
        }
    }

    var preamble: String
    var setup: String
    var atol: Double?
    var stopAtFirstFailure: Bool
    var cases: [Case]

    enum CodingKeys: String, CodingKey {
        case preamble, setup, atol, cases
        case stopAtFirstFailure = "stop_at_first_failure"
    }

    init(_ suite: TestSuite) {
        preamble = suite.preamble
        setup = suite.setup
        stopAtFirstFailure = suite.stopAtFirstFailure
        switch suite.comparison {
        case .exact: atol = nil
        case .absoluteTolerance(let tolerance): atol = tolerance
        }
        cases = suite.cases.map { testCase in
            switch testCase {
            case .assertion(let code, _):
                Case(kind: "assertion", code: code)
            case .script(let code, _):
                Case(kind: "script", code: code)
            case .call(let arguments, let expected, _):
                switch expected {
                case .json(let text): Case(kind: "call", args: arguments, expected: text, expectedKind: "json")
                case .pythonLiteral(let text): Case(kind: "call", args: arguments, expected: text, expectedKind: "literal")
                case .jsonWrapped(let text): Case(kind: "call", args: arguments, expected: text, expectedKind: "wrapped")
                }
            case .standardIO(let input, let expectedOutput, _):
                Case(kind: "stdio", input: input, output: expectedOutput)
            }
        }
    }
}

/// One response line from a worker.
struct WorkerResponse: Decodable, Sendable {
    /// A line the harness wrote to the results pipe (only lines with the execution's nonce reach
    /// here): a test result, a load failure, a limit marker or the sanitizer's dropped lines.
    struct Record: Decodable, Sendable {
        var i: Int?
        var status: String?
        var message: String?
        var load: String?
        var limit: String?
        /// `[first, last]` line ranges (1-based) the sanitizer blanked.
        var sanitized: [[Int]]?
    }

    var id: Int
    var ok: Bool
    var error: String?
    var code: Int32?
    var signal: Int32?
    var wallTimeout: Bool?
    /// The supervisor's judgement from the process's rusage and how it ended: it spent its
    /// RLIMIT_CPU (whatever signal or exit ended it).
    var cpuExceeded: Bool?
    /// Killed by SIGKILL with its peak memory near the limit (the OOM killer).
    var memoryExceeded: Bool?
    var cpuSeconds: Double?
    var elapsedSeconds: Double?
    var stdout: String?
    var stderr: String?
    var stdoutTruncated: Bool?
    var stderrTruncated: Bool?
    var records: [Record]?

    enum CodingKeys: String, CodingKey {
        case id, ok, error, code, signal, stdout, stderr, records
        case wallTimeout = "wall_timeout"
        case cpuExceeded = "cpu_exceeded"
        case memoryExceeded = "memory_exceeded"
        case cpuSeconds = "cpu_s"
        case elapsedSeconds = "elapsed_s"
        case stdoutTruncated = "stdout_truncated"
        case stderrTruncated = "stderr_truncated"
    }
}

/// The first line a worker writes.
struct WorkerReady: Decodable, Sendable {
    var ready: Bool
    var userns: Bool
    var seccomp: Bool
    var uid: Int
}
