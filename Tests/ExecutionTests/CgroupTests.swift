import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Execution

/// Per-worker cgroups bound what rlimits cannot: all the processes of a worker's executions.
@Suite(.requires(.bubblewrap), .timeLimit(.minutes(5)), .serialized)
struct CgroupTests {
    /// Forks sleeping children until fork fails (or 200), then prints how many it made.
    static let forker = """
        import os, time
        n = 0
        try:
            for _ in range(200):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
                n += 1
        except OSError:
            pass
        print(n)
        """
    // RLIMIT_NPROC out of the way, so only the cgroup can stop the forks.
    static let limits = ExecutionLimits(cpuSeconds: 5, processes: 100_000)

    @Test("a fork chain stops at the worker's pids.max; without the cgroup the same program makes all 200")
    func forksBounded() async throws {
        let root = getuid() == 0
        try await ProcessSandbox.with(configuration: SandboxConfiguration(workers: 1, cgroupProcesses: 24)) { sandbox in
            guard sandbox.cgroups.isActive else {
                // As root the machine offers a writable hierarchy (v1 or v2); only then is it required.
                #expect(!root || WorkerCgroup.detect() == nil, "root, a cgroup hierarchy, and still none: \(sandbox.cgroups)")
                print("cgroups not in force here: \(sandbox.cgroups)")
                return
            }
            let group = try #require(sandbox.groupsForTesting.first)
            let pids = await sandbox.workerProcessIdentifiers()
            for file in group.procs {
                let members = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
                #expect(pids.allSatisfy(members.contains), "\(file): \(members) lacks \(pids)")
            }
            let outcome = try await sandbox.run(ExecutionRequest(program: Self.forker, limits: Self.limits))
            let made = try #require(Int(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(outcome)")
            #expect(made >= 1 && made < 24)
            // The pool is unharmed: the next execution runs normally.
            #expect(try await sandbox.run(ExecutionRequest(program: "print(6 * 7)")).stdout == "42\n")
            let directories = group.directories
            await sandbox.shutdown()
            #expect(directories.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "groups left behind: \(directories)")
        }
        try await ProcessSandbox.with(configuration: SandboxConfiguration(workers: 1, usesCgroups: false)) { sandbox in
            #expect(!sandbox.cgroups.isActive && sandbox.cgroups.reason == "off in the configuration")
            let outcome = try await sandbox.run(ExecutionRequest(program: Self.forker, limits: Self.limits))
            #expect(outcome.stdout == "200\n")
        }
    }
}
