import Foundation
import O1CoderTestSupport
import Testing

@Suite(.requires(.o1coderBinary, .testModel, .trainingEnvironment), .timeLimit(.minutes(10)))
struct TrainCommandTests {
    @Test("train sft on a broken data file fails with the file and line, and registers nothing")
    func badData() async throws {
        let dir = NSTemporaryDirectory() + "o1coder-train-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = dir + "/sft.jsonl"
        try "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}\n".write(toFile: data, atomically: true, encoding: .utf8)
        let name = "cli-bad-\(getpid())"
        let r = try await CLIProcess.run(
            ["train", "sft", "--data", data, "--base", TestEnvironment.testModelPath, "--out", name, "--steps", "1", "--store", dir + "/runs.sqlite"],
            in: TestEnvironment.packageRoot)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(data): record 1: the last message must be the assistant's"))
        let list = try await CLIProcess.run(["models", "list"])
        #expect(!list.stdout.contains(name))
        // The failed run is listed as a failed train experiment.
        let runs = try await CLIProcess.run(["runs", "list", "--store", dir + "/runs.sqlite"])
        #expect(runs.stdout.contains("\ttrain\tfailed\t"), "\(runs.stdout)")
    }

    @Test("train rejects a path as --out before starting anything")
    func badName() async throws {
        let r = try await CLIProcess.run(["train", "dpo", "--data", "x.jsonl", "--out", "../escape"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--out"))
    }
}
