internal import Foundation
public import O1CoderCore

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
    /// Before evaluating a program for a function problem (an entry point and no stdin tests),
    /// blank the model's own top-level tests, calls, prints and `__main__` blocks, keeping the
    /// entry point and everything it and the tests use (Python/sanitize.py). What was dropped is
    /// in `ProgramReport.droppedLines`. Record this switch with an experiment's results.
    public var sanitizesFunctionPrograms: Bool
    /// Put each worker in its own cgroup (where the machine allows) with these bounds on all the
    /// processes and memory of its executions together.
    public var usesCgroups: Bool
    public var cgroupProcesses: Int
    public var cgroupMemory: ByteCount

    public init(
        workers: Int? = nil, minimumIsolation: IsolationLevel = .minimal,
        maximumIsolation: IsolationLevel = .full, python: String = "/usr/bin/python3", retries: Int = 1,
        sanitizesFunctionPrograms: Bool = true, usesCgroups: Bool = true, cgroupProcesses: Int = 256,
        cgroupMemory: ByteCount = .gibibytes(4)
    ) {
        self.usesCgroups = usesCgroups
        self.cgroupProcesses = max(8, cgroupProcesses)
        self.cgroupMemory = cgroupMemory
        self.retries = max(0, retries)
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.minimumIsolation = minimumIsolation
        self.maximumIsolation = maximumIsolation
        self.python = python
        self.sanitizesFunctionPrograms = sanitizesFunctionPrograms
    }

    enum CodingKeys: String, CodingKey {
        case workers, minimumIsolation, maximumIsolation, python, retries, sanitizesFunctionPrograms
        case usesCgroups, cgroupProcesses, cgroupMemory
    }

    /// Configurations recorded before `sanitizesFunctionPrograms` existed decode with it on.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workers = try container.decode(Int.self, forKey: .workers)
        minimumIsolation = try container.decode(IsolationLevel.self, forKey: .minimumIsolation)
        maximumIsolation = try container.decode(IsolationLevel.self, forKey: .maximumIsolation)
        python = try container.decode(String.self, forKey: .python)
        retries = try container.decode(Int.self, forKey: .retries)
        sanitizesFunctionPrograms = try container.decodeIfPresent(Bool.self, forKey: .sanitizesFunctionPrograms) ?? true
        usesCgroups = try container.decodeIfPresent(Bool.self, forKey: .usesCgroups) ?? true
        cgroupProcesses = try container.decodeIfPresent(Int.self, forKey: .cgroupProcesses) ?? 256
        cgroupMemory = try container.decodeIfPresent(ByteCount.self, forKey: .cgroupMemory) ?? .gibibytes(4)
    }
}
