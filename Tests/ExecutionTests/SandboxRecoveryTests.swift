import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct SandboxRecoveryTests {
    private func killWorkerSoon(_ sandbox: ProcessSandbox) {
        Task {
            try await Task.sleep(for: .milliseconds(400))
            for pid in await sandbox.workerProcessIdentifiers() { kill(pid, SIGKILL) }
        }
    }

    @Test("a worker killed from outside gives a sandbox error, then the pool recovers")
    func killedWorker() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1, retries: 0))
        defer { Task { await sandbox.shutdown() } }
        // Killed once it runs the program (the worker forks two processes per execution), not after
        // a fixed delay: on a loaded machine a timed kill can land before the request reaches the
        // worker, and its replacement then runs the program to the end.
        let worker = try #require(await sandbox.workerProcessIdentifiers().first)
        let idle = ProcessTree.descendants(of: worker).count
        let killer = Task {
            for _ in 0..<600 where ProcessTree.descendants(of: worker).count <= idle {
                try await Task.sleep(for: .milliseconds(50))
            }
            kill(worker, SIGKILL)
        }
        // Sleeps far longer than the wait above can take, so it cannot finish first.
        let outcome = try await sandbox.run(
            ExecutionRequest(program: "import time\ntime.sleep(30)", limits: ExecutionLimits(cpuSeconds: 2, wallSeconds: 60)))
        _ = try? await killer.value
        guard case .sandboxError = outcome.termination else {
            Issue.record("expected a sandbox error, got \(outcome.termination)")
            return
        }
        let report = try await sandbox.evaluate(
            program: "x = 1", suite: TestSuite(cases: [.assertion("assert x == 1")]), limits: SandboxFixture.quick)
        #expect(report.verdict == .passed)
    }

    @Test("with a retry, a killed worker's execution is rerun on a fresh worker")
    func retried() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1, retries: 1))
        defer { Task { await sandbox.shutdown() } }
        killWorkerSoon(sandbox)
        let outcome = try await sandbox.run(ExecutionRequest(program: "import time\ntime.sleep(1)\nprint('done')", limits: SandboxFixture.quick))
        #expect(outcome.stdout == "done\n")
    }

    @Test("after shutdown, calls throw")
    func shutdown() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1))
        await sandbox.shutdown()
        await #expect(throws: SandboxError.shutDown) {
            try await sandbox.run(ExecutionRequest(program: "pass"))
        }
    }

    @Test("minimumIsolation refuses a weaker sandbox with an actionable message")
    func refusesWeakIsolation() async throws {
        let configuration = SandboxConfiguration(workers: 1, minimumIsolation: .full, maximumIsolation: .reduced)
        do {
            _ = try await ProcessSandbox(configuration: configuration)
            Issue.record("expected a refusal")
        } catch let error as SandboxError {
            guard case .isolationUnavailable(let required, let available, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(required == .full)
            #expect(available < .full)
            #expect(error.description.contains("apt-get install"))
        }
    }

    @Test("degraded isolation still runs programs and says so")
    func degraded() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1, maximumIsolation: .reduced))
        defer { Task { await sandbox.shutdown() } }
        #expect(sandbox.isolation <= .reduced)
        let report = try await sandbox.evaluate(
            program: "def f():\n    return 1\n", suite: TestSuite(cases: [.assertion("assert f() == 1"), .assertion("assert f() == 2")]),
            limits: SandboxFixture.quick)
        #expect(report.tests.map(\.status) == [.passed, .failed])
    }
}
