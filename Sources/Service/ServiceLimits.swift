public import Execution
public import O1CoderCore

/// The server's own maxima: what a request asks for is capped by these, never exceeded.
public struct ServiceLimits: Codable, Sendable, Hashable {
    /// Executions in flight at once (more wait in the queue).
    public var maxConcurrency: Int
    /// Requests waiting for an execution slot; beyond this the server answers 503 at once.
    public var maxQueue: Int
    public var maxBodyBytes: Int
    /// Cap on a request's CPU and wall seconds.
    public var maxSeconds: Double
    public var maxMemory: ByteCount
    /// Cap on tests in one batch request.
    public var maxTests: Int
    /// Limits of a request that names none.
    public var defaults: ExecutionLimits

    public init(
        maxConcurrency: Int = 4, maxQueue: Int = 256, maxBodyBytes: Int = 16 << 20, maxSeconds: Double = 60,
        maxMemory: ByteCount = .gibibytes(4), maxTests: Int = 2000, defaults: ExecutionLimits = .default
    ) {
        self.maxConcurrency = max(1, maxConcurrency)
        self.maxQueue = max(0, maxQueue)
        self.maxBodyBytes = maxBodyBytes
        self.maxSeconds = maxSeconds
        self.maxMemory = maxMemory
        self.maxTests = maxTests
        self.defaults = defaults
    }

    /// `requested` with every field held within the server's maxima.
    public func capped(_ requested: ExecutionLimits) -> ExecutionLimits {
        var l = requested
        l.cpuSeconds = min(max(0.1, l.cpuSeconds), maxSeconds)
        l.wallSeconds = min(max(l.cpuSeconds, l.wallSeconds), maxSeconds * 3)
        l.memory = min(l.memory, maxMemory)
        l.output = min(l.output, defaults.output)
        l.processes = min(l.processes, defaults.processes)
        l.openFiles = min(l.openFiles, defaults.openFiles)
        return l
    }

    /// SandboxFusion's wall-clock `run_timeout` and `memory_limit_MB` (-1: the default) as limits.
    public func limits(runTimeout: Double?, memoryLimitMB: Int?) -> ExecutionLimits {
        var l = defaults
        if let runTimeout, runTimeout > 0 {
            l.cpuSeconds = runTimeout
            l.wallSeconds = runTimeout
        }
        if let memoryLimitMB, memoryLimitMB > 0 { l.memory = .mebibytes(memoryLimitMB) }
        return capped(l)
    }
}
