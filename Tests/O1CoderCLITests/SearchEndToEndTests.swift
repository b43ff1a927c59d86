import Foundation
import O1CoderTestSupport
import Testing
import ChildProcesses

/// The real pieces together, through the built `o1coder` binary: SmolLM2 in llama.cpp, the
/// bubblewrap sandbox, MBPP from ../shared/datasets, the SQLite store, exports and the report.
@Suite(.serialized) struct SearchEndToEndTests {
    static let binary = TestEnvironment.o1coderBinary
    static let mbpp = TestEnvironment.sharedDataset("mbpp/mbpp.jsonl")

    static func run(_ arguments: [String]) async throws -> CLIProcess.Result { try await CLIProcess.run(arguments) }

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
    func searchExportReport() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("runs.sqlite").path

        let search = try await Self.run(Self.searchArguments(store: store, limit: 2))
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("run 1: solved"))
        #expect(search.stderr.contains("[search 2/2 "))

        let show = try await Self.run(["runs", "show", "1", "--store", store])
        #expect(show.stdout.contains("problems 2"))
        #expect(show.stdout.contains("smollm2-135m-instruct"))
        #expect(show.stdout.contains("rollouts · depth · width"), "the recorded settings, as a table")

        for format in ["sft", "prm", "prm-pairs", "dpo"] {
            let out = dir.appendingPathComponent("\(format).jsonl").path
            let export = try await Self.run(["export", "1", "--format", format, "--out", out, "--store", store])
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            for line in text.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
            }
            if format == "prm" { #expect(!text.isEmpty, "every searched problem has at least one complete path") }
        }
        // DPO ranked by φ instead of the outcome; the flag belongs to dpo only.
        let phi = try await Self.run(["export", "1", "--format", "dpo", "--phi-step", "50", "--out", dir.appendingPathComponent("phi.jsonl").path, "--store", store])
        #expect(phi.status == 0, "\(phi.stderr)")
        let misplaced = try await Self.run(["export", "1", "--format", "sft", "--phi-step", "50", "--out", dir.appendingPathComponent("x.jsonl").path, "--store", store])
        #expect(misplaced.status == 64 && misplaced.stderr.contains("needs --format dpo"))
        // A PRM's step scores in φ (here the untrained test model read as a PRM: the plumbing, not the scores).
        let scored = dir.appendingPathComponent("phi-prm.jsonl").path
        let withPRM = try await Self.run([
            "export", "1", "--format", "dpo", "--phi-step", "50", "--prm", TestEnvironment.testModelReference, "--threads", "1",
            "--out", scored, "--store", store,
        ])
        #expect(withPRM.status == 0, "\(withPRM.stderr)")
        for line in try String(contentsOfFile: scored, encoding: .utf8).split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
        }
        let prmAlone = try await Self.run(["export", "1", "--format", "dpo", "--prm", "x", "--out", scored, "--store", store])
        #expect(prmAlone.status == 64 && prmAlone.stderr.contains("needs --format dpo --phi-step"))

        let html = dir.appendingPathComponent("report.html").path
        let report = try await Self.run(["report", "1", "--html", html, "--store", store])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("Mbpp/11") && page.contains("Mbpp/12"))
    }

    @Test(
        "--few-shot-file is recorded with the run (what --resume replays) and shown by runs show; a missing file is a usage error",
        .requires(.o1coderBinary, .testModel, .python3), .timeLimit(.minutes(5)))
    func fewShotFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-fewshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("runs.sqlite").path
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../bench/fewshot/format-only.json")
            .standardizedFileURL.path
        let arguments = [
            "search", "--dataset", "humaneval", "--limit", "1", "--model", TestEnvironment.testModelReference, "--store", store,
            "--rollouts", "1", "--width", "1", "--max-tokens", "48", "--ctx", "4096", "--few-shot-file", examples,
        ]
        let search = try await Self.run(arguments)
        #expect(search.status == 0, "\(search.stderr)")
        let show = try await Self.run(["runs", "show", "1", "--store", store])
        #expect(show.stdout.contains("few-shot examples") && show.stdout.contains(examples), "\(show.stdout)")
        // A missing file is a usage error before any model loads.
        let missing = try await Self.run(Array(arguments.dropLast(2)) + ["--few-shot-file", dir.path + "/none.json"])
        #expect(missing.status == 64 && missing.stderr.contains("no such file"), "\(missing.stderr)")
    }

    @Test(
        "search on HumanEval+ completes the plus suites with the expected-output oracle before searching (hidden = base + plus)",
        .requires(.o1coderBinary, .testModel, .python3, .sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz")), .timeLimit(.minutes(5)))
    func evalPlusSuites() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-plus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let search = try await Self.run([
            "search", "--dataset", "humaneval-plus", "--path", TestEnvironment.sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz"),
            "--limit", "1", "--model", TestEnvironment.testModelReference, "--store", dir.appendingPathComponent("runs.sqlite").path,
            "--rollouts", "1", "--width", "1", "--max-tokens", "48", "--ctx", "4096",
        ])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(
            search.stderr.contains("expected outputs computed") || search.stderr.contains("expected outputs from cache"), "\(search.stderr)")
    }

    @Test(
        "kill -9 during a search, then --resume: finished problems are kept and never searched again",
        .requires(.o1coderBinary, .testModel, .python3, .sharedDataset("mbpp/mbpp.jsonl")), .timeLimit(.minutes(10)))
    func killAndResume() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("o1coder-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("runs.sqlite").path

        // Start a 3-problem search and SIGKILL it once the first problem is reported finished.
        let log = dir.appendingPathComponent("search.log").path
        let (seen, termination) = try await TrustedProcess.withRunning(Self.binary, Self.searchArguments(store: store, limit: 3), log: log) {
            search in
            var seen = ""
            // The progress line is all there is to wait for: the log is read every 200 ms.
            while !seen.contains("[search 1/3 ") && !search.hasExited {
                try await Task.sleep(for: .milliseconds(200))
                seen = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            }
            search.kill()
            return seen
        }
        #expect(termination == .signaled(SIGKILL))
        #expect(seen.contains("[search 1/3 "), "the first problem finished before the kill: \(seen)")

        let resumed = try await Self.run(["search", "--resume", "1", "--store", store])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        // One or two problems were finished before the kill; the rest are searched now.
        #expect(resumed.stderr.contains("already done"))
        #expect(!resumed.stderr.contains("[search 1/3 "), "a finished problem was searched again: \(resumed.stderr)")
        #expect(resumed.stderr.contains("[search 3/3 "))
        let show = try await Self.run(["runs", "show", "1", "--store", store])
        #expect(show.stdout.contains("problems 3"))
    }
}
