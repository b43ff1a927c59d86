/// SandboxFusion's `POST /run_code` request, as verl and SandboxFusion's own clients send it.
/// Unknown fields are ignored, missing ones take SandboxFusion's defaults.
public struct RunCodeRequest: Codable, Sendable, Hashable {
    public var code: String
    public var language: String
    public var stdin: String
    /// Seconds; Python has no compile step, so only a bound on the whole run.
    public var compileTimeout: Double?
    /// Wall-clock seconds for the run.
    public var runTimeout: Double?
    /// -1 (SandboxFusion's default) means the server's default.
    public var memoryLimitMB: Int?
    /// Files to place beside the program (base64 by name): not supported, refused by name.
    public var files: [String: String]
    public var fetchFiles: [String]

    public init(
        code: String, language: String = "python", stdin: String = "", compileTimeout: Double? = nil,
        runTimeout: Double? = nil, memoryLimitMB: Int? = nil, files: [String: String] = [:], fetchFiles: [String] = []
    ) {
        self.code = code
        self.language = language
        self.stdin = stdin
        self.compileTimeout = compileTimeout
        self.runTimeout = runTimeout
        self.memoryLimitMB = memoryLimitMB
        self.files = files
        self.fetchFiles = fetchFiles
    }

    enum CodingKeys: String, CodingKey {
        case code, language, stdin, files
        case compileTimeout = "compile_timeout"
        case runTimeout = "run_timeout"
        case memoryLimitMB = "memory_limit_MB"
        case fetchFiles = "fetch_files"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "python"
        stdin = try c.decodeIfPresent(String.self, forKey: .stdin) ?? ""
        compileTimeout = try c.decodeIfPresent(Double.self, forKey: .compileTimeout)
        runTimeout = try c.decodeIfPresent(Double.self, forKey: .runTimeout)
        memoryLimitMB = try c.decodeIfPresent(Int.self, forKey: .memoryLimitMB)
        files = try c.decodeIfPresent([String: String?].self, forKey: .files)?.compactMapValues { $0 } ?? [:]
        fetchFiles = try c.decodeIfPresent([String].self, forKey: .fetchFiles) ?? []
    }
}

/// SandboxFusion's `/run_code` response.
public struct RunCodeResponse: Codable, Sendable, Hashable {
    /// `Success` (ran and exited 0), `Failed` (ran and failed: non-zero exit, time limit), or
    /// `SandboxError` (the request could not be run; the program is not to blame).
    public enum Status: String, Codable, Sendable, Hashable {
        case success = "Success"
        case failed = "Failed"
        case sandboxError = "SandboxError"
    }

    public var status: Status
    public var message: String
    public var compileResult: CommandRunResult?
    public var runResult: CommandRunResult?
    public var executorPodName: String?
    public var files: [String: String]

    public init(status: Status, message: String = "", runResult: CommandRunResult? = nil) {
        self.status = status
        self.message = message
        self.compileResult = nil
        self.runResult = runResult
        self.executorPodName = nil
        self.files = [:]
    }

    enum CodingKeys: String, CodingKey {
        case status, message, files
        case compileResult = "compile_result"
        case runResult = "run_result"
        case executorPodName = "executor_pod_name"
    }

    // Nil results are written as `null`, as SandboxFusion does (clients index them).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(message, forKey: .message)
        try c.encode(compileResult, forKey: .compileResult)
        try c.encode(runResult, forKey: .runResult)
        try c.encode(executorPodName, forKey: .executorPodName)
        try c.encode(files, forKey: .files)
    }
}

/// One command's result inside a ``RunCodeResponse``.
public struct CommandRunResult: Codable, Sendable, Hashable {
    /// `Finished` (it exited, with any code), `TimeLimitExceeded`, or `Error` (it could not run).
    public enum Status: String, Codable, Sendable, Hashable {
        case finished = "Finished"
        case timeLimitExceeded = "TimeLimitExceeded"
        case error = "Error"
    }

    public var status: Status
    public var executionTime: Double?
    public var returnCode: Int?
    public var stdout: String
    public var stderr: String

    public init(status: Status, executionTime: Double?, returnCode: Int?, stdout: String, stderr: String) {
        self.status = status
        self.executionTime = executionTime
        self.returnCode = returnCode
        self.stdout = stdout
        self.stderr = stderr
    }

    enum CodingKeys: String, CodingKey {
        case status, stdout, stderr
        case executionTime = "execution_time"
        case returnCode = "return_code"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(executionTime, forKey: .executionTime)
        try c.encode(returnCode, forKey: .returnCode)
        try c.encode(stdout, forKey: .stdout)
        try c.encode(stderr, forKey: .stderr)
    }
}
