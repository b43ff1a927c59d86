internal import Foundation

/// Configuration of the real sandbox.
public struct SandboxConfiguration: Codable, Sendable, Hashable {
    /// Warm workers; one per core by default (`nil` in the initializer). Each serves one request at a time.
    public var workers: Int
    /// Refuse to start when the isolation that can be had is weaker than this.
    public var minimumIsolation: IsolationLevel
    /// Do not try isolation stronger than this (tests of the degraded modes, benchmarks).
    public var maximumIsolation: IsolationLevel
    /// The interpreter that runs untrusted code (Debian's, the only one with `seccomp`).
    public var python: String
    /// How often an execution whose worker died or hung is retried on a fresh worker before it
    /// is reported as a sandbox error.
    public var retries: Int

    public init(
        workers: Int? = nil, minimumIsolation: IsolationLevel = .minimal,
        maximumIsolation: IsolationLevel = .full, python: String = "/usr/bin/python3", retries: Int = 1
    ) {
        self.retries = max(0, retries)
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.minimumIsolation = minimumIsolation
        self.maximumIsolation = maximumIsolation
        self.python = python
    }
}
