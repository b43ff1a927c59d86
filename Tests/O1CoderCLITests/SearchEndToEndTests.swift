import Foundation
import O1CoderTestSupport
import Testing

/// The real pieces together, through the built `o1coder` binary: SmolLM2 in llama.cpp, the
/// bubblewrap sandbox, MBPP from ../shared/datasets, the SQLite store, exports and the report.
@Suite(.serialized) struct SearchEndToEndTests {
    static let binary = TestEnvironment.o1coderBinary
    static let mbpp = TestEnvironment.sharedDataset("mbpp/mbpp.jsonl")

    static func run(_ arguments: [String]) throws -> CLIProcess.Result { try CLIProcess.run(arguments) }

    static func searchArguments(store: String, limit: Int) -> [String] {
        [
            "search", "--dataset", "mbpp", "--path", mbpp, "--split", "test", "--limit", "\(limit)",
            "--model", TestEnvironment.testModelReference, "--store", store, "--rollouts", "2", "--width", "2",
            "--max-tokens", "96", "--ctx", "2048", "--problems-in-flight", "1",
        ]
    }

    @Test(
        "Search two MBPP problems with SmolLM2, then export every format and write the HTML report",
        .requires(.o1coderBinary, .testModel, .python3, .sharedDataset("mbpp/mbpp.jsonl")), .timeLimit(.minutes(10)))
    func searchExportReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("runs.sqlite").path

        let search = try Self.run(Self.searchArguments(store: store, limit: 2))
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("run 1: solved"))
        #expect(search.stderr.contains("[2/2]"))

        let show = try Self.run(["runs", "show", "1", "--store", store])
        #expect(show.stdout.contains("problems 2"))
        #expect(show.stdout.contains("smollm2-135m-instruct"))

        for format in ["sft", "prm", "prm-pairs", "dpo"] {
            let out = dir.appendingPathComponent("\(format).jsonl").path
            let export = try Self.run(["export", "1", "--format", format, "--out", out, "--store", store])
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            for line in text.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
            }
            if format == "prm" { #expect(!text.isEmpty, "every searched problem has at least one complete path") }
        }

        let html = dir.appendingPathComponent("report.html").path
        let report = try Self.run(["report", "1", "--html", html, "--store", store])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Mbpp/11") && page.contains("Mbpp/12"))
    }

    @Test(
        "kill -9 during a search, then --resume: finished problems are kept and never searched again",
        .requires(.o1coderBinary, .testModel, .python3, .sharedDataset("mbpp/mbpp.jsonl")), .timeLimit(.minutes(10)))
    func killAndResume() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("runs.sqlite").path

        // Start a 3-problem search and SIGKILL it once the first problem is reported finished.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = Self.searchArguments(store: store, limit: 3)
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        var seen = ""
        let handle = err.fileHandleForReading
        while !seen.contains("[1/3]") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(seen.contains("[1/3]"), "the first problem finished before the kill: \(seen)")

        let resumed = try Self.run(["search", "--resume", "1", "--store", store])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // One or two problems were finished before the kill; the rest are searched now.
        #expect(resumed.stderr.contains("already done"))
        #expect(!resumed.stderr.contains("[1/3]"), "a finished problem was searched again: \(resumed.stderr)")
        #expect(resumed.stderr.contains("[3/3]"))
        let show = try Self.run(["runs", "show", "1", "--store", store])
        #expect(show.stdout.contains("problems 3"))
    }
}
