import ChildProcesses
import Foundation
import O1CoderTestSupport
import Testing

/// Ctrl-C in a long command that lists itself in the store: exit 130, the entry marked
/// interrupted, and the same command continues the work.
@Suite struct InterruptTests {
    @Test("Ctrl-C during `sample` exits 130, marks the experiment interrupted, and a rerun continues it",
          .requires(.o1coderBinary, .testModel, .humanEval, .python3), .timeLimit(.minutes(10)))
    func sampleInterrupted() async throws {
        let directory = NSTemporaryDirectory() + "o1coder-interrupt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = directory + "/log.txt"
        let arguments = [
            "sample", "--dataset", "humaneval", "--path", TestEnvironment.humanEvalPath, "--style", "direct", "-n", "1",
            "--limit", "20", "--max-tokens", "64", "--model", TestEnvironment.testModelPath, "--threads", "1", "--problems-in-flight", "1",
            "--out", directory + "/run", "--store", directory + "/runs.sqlite",
        ]
        let (finished, termination) = try await TrustedProcess.withRunning(TestEnvironment.o1coderBinary, arguments, log: log) {
            running in
            // Wait for the first finished problem: the experiment is listed and its handler is in place.
            // (Generous: on 2 cores shared with other suites and benchmarks a first problem has
            // taken over 2 minutes.)
            let started = ContinuousClock.now
            while !running.hasExited, !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("[sample 1/"),
                ContinuousClock.now - started < .seconds(360)
            {
                try await Task.sleep(for: .milliseconds(100))
            }
            running.kill(SIGINT)
            while !running.hasExited, ContinuousClock.now - started < .seconds(420) { try await Task.sleep(for: .milliseconds(50)) }
            return try String(contentsOfFile: directory + "/run/problems.jsonl", encoding: .utf8)
                .split(separator: "\n").count
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(termination == .exited(130), "\(output.suffix(2000))")
        #expect(output.contains("interrupted; finished work is kept"))
        #expect(finished >= 1 && finished < 20, "stopped before the end")

        let list = try await CLIProcess.run(["runs", "list", "--store", directory + "/runs.sqlite"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("interrupted"), "\(list.stdout)")

        // The same command continues: the finished problems are skipped, the entry is the same.
        let rerun = try await CLIProcess.run(arguments)
        #expect(rerun.status == 0, "\(rerun.stderr.suffix(2000))")
        #expect(rerun.stderr.contains("\(finished) already done"), "\(rerun.stderr.suffix(2000))")
        let after = try await CLIProcess.run(["runs", "list", "--store", directory + "/runs.sqlite"])
        #expect(after.stdout.contains("finished") && !after.stdout.contains("interrupted"), "\(after.stdout)")
    }
}
