public import Logging
public import O1CoderCore

/// Configuration of the real sandbox.
public struct SandboxConfiguration: Codable, Sendable, Hashable {
    /// Warm workers; one per core by default.
    public var workers: Int
    /// Refuse to start when the isolation that can be had is weaker than this.
    public var minimumIsolation: IsolationLevel
    /// The interpreter that runs untrusted code (Debian's, the only one with `seccomp`).
    public var python: String

    public init(workers: Int = 2, minimumIsolation: IsolationLevel = .minimal, python: String = "/usr/bin/python3") {
        self.workers = workers
        self.minimumIsolation = minimumIsolation
        self.python = python
    }
}

// PLACEHOLDER: the Execution work replaces this file with the real warm-worker sandbox.
public final class ProcessSandbox: Sandbox {
    public let isolation: IsolationLevel = .minimal
    public init(configuration: SandboxConfiguration = .init(), logger: Logger = Logger(label: "o1coder.sandbox")) async throws {
        throw SandboxError.unavailable("ProcessSandbox is not implemented yet")
    }
    public func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        throw SandboxError.unavailable("not implemented")
    }
    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        throw SandboxError.unavailable("not implemented")
    }
    /// Stops the workers. Further calls throw.
    public func shutdown() async {}
}

public enum SandboxError: Error, CustomStringConvertible, Sendable {
    case unavailable(String)
    public var description: String {
        switch self { case .unavailable(let s): "Sandbox unavailable: \(s)" }
    }
}
