import Execution
import Foundation
import O1CoderCore

/// Shared real sandbox for the tests, and what this host can do.
enum SandboxFixture {
    /// bubblewrap, user namespaces and the Python seccomp module are all present.
    static let hasFullIsolation: Bool = {
        let fileManager = FileManager.default
        guard fileManager.isExecutableFile(atPath: "/usr/bin/bwrap"),
            fileManager.isExecutableFile(atPath: "/usr/bin/python3"),
            let text = try? String(contentsOfFile: "/proc/sys/user/max_user_namespaces", encoding: .utf8),
            let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), count > 0
        else { return false }
        let packages = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/python3/dist-packages")) ?? []
        return packages.contains { $0.hasPrefix("seccomp") }
    }()

    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    private static let sharedTask = Task { try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2)) }

    static func shared() async throws -> ProcessSandbox { try await sharedTask.value }

    static let quick = ExecutionLimits(cpuSeconds: 2, wallSeconds: 4)
}
