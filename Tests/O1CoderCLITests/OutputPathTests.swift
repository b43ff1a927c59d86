import Foundation
import O1CoderTestSupport
import Testing

/// Output paths given as bare file names (`--out results.jsonl`), through the real binary run in a
/// fresh working directory.
@Suite(.timeLimit(.minutes(10)))
struct OutputPathTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("eval --out results.jsonl writes into the current directory, and a rerun replaces the file",
          .requires(.o1coderBinary, .humanEval, .python3))
    func evalBareFileName() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = [
            "eval", "--dataset", "humaneval", "--path", TestEnvironment.humanEvalPath, "--canonical", "--limit", "2",
            "--k", "1", "--workers", "1", "--out", "results.jsonl",
        ]

        let first = try await CLIProcess.run(arguments, in: directory)
        let written = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
        // The second run finds results.jsonl in place: FileManager.replaceItemAt deleted it and failed.
        let second = try await CLIProcess.run(arguments, in: directory)

        #expect(first.status == 0, "\(first.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        let lines = written.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["passed"] as? Bool == true, "\(line)")
        }
        let rewritten = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
        #expect(rewritten.split(separator: "\n").count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["results.jsonl"], "no temporary file left")
    }

    @Test("--store runs.sqlite opens the store in the current directory", .requires(.o1coderBinary))
    func storeBareFileName() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let list = try await CLIProcess.run(["runs", "list", "--store", "runs.sqlite"], in: directory)

        #expect(list.status == 0, "\(list.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/runs.sqlite"))
    }
}
