import CodeSearch
import Datasets
import Foundation
import Inference
import Models
import O1CoderCore
import Reasoning
import Reports
import RunStorage
import Search
import TestGeneration
import Testing

/// The run bookkeeping behind `o1coder search`: the recorded configuration, reward tests from
/// it, create/resume and the final summary.
@Suite struct SearchRunTests {
    static func configuration(path: String, rewardTests: SearchTestsSource?, testsFile: String? = nil) -> SearchRunConfiguration {
        SearchRunConfiguration(
            preset: .standard, codeSearch: .standard, dataset: .mbpp, path: path, split: [.test], limit: 2, problems: [],
            model: "m", contextLength: 2048, threads: 1, rewardTests: rewardTests, generatedTestsPath: testsFile,
            generatedTestsSHA256: nil)
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-search-run-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("A new run records its configuration; resume reads it back and marks the run running")
    func createAndResume() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = directory + "/mbpp.jsonl"
        try "{}\n".write(toFile: dataset, atomically: true, encoding: .utf8)
        let store = try RunStore.inMemory()
        let configuration = Self.configuration(path: dataset, rewardTests: .public)
        let run = try SearchRun.create(
            configuration, seed: 9, model: ModelSpec(name: "m", basePath: "/m.gguf", sha256: "abc"), toolVersion: "t", in: store)
        try run.validate()
        let record = try #require(try store.run(run.id))
        #expect(record.seed == 9 && record.modelSHA256 == "abc" && record.datasetSHA256 != nil)

        try store.setStatus(.interrupted, run: run.id)
        let resumed = try SearchRun.resume(run.id, in: store)
        #expect(resumed.configuration == configuration)
        #expect(try store.run(run.id)?.status == .running)
        #expect(try resumed.finishedCount() == 0)
        #expect(throws: RunStoreError.self) { try SearchRun.resume(RunID(run.id.rawValue + 1), in: store) }

        let summary = try resumed.finish(rewardTests: .public)
        #expect(try store.run(run.id)?.status == .finished)
        #expect(summary.lines(store: "s.sqlite") == [
            "run \(run.id): solved 0/0 · reward tests public · generated tokens 0 · store s.sqlite",
            "run \(run.id): \(RewardAgreement.summary(AgreementMatrix()))",
        ])
        #expect(try SearchRun.resume(run.id, in: store).finish(rewardTests: .oracle).lines(store: "s").count == 1)
    }

    /// Configuration version 2 (2026-12-04): one seed rule. A run recorded before it has no
    /// `seedRule` and resumes with the rule it was searched with, so its expansions reproduce.
    @Test("a configuration recorded before the seed rule keeps the XOR rule; new ones use the derivation")
    func seedRuleVersions() throws {
        #expect(CodeSearchConfiguration.standard.seedRule == .derivation && CodeSearchConfiguration.faithful.seedRule == .derivation)
        var object = try #require(
            try JSONSerialization.jsonObject(with: JSONCoding.data(CodeSearchConfiguration.standard)) as? [String: Any])
        #expect(object["seedRule"] as? String == "derivation")
        object["seedRule"] = nil
        let old = try JSONDecoder().decode(CodeSearchConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.seedRule == nil)
        #expect(old.derivedSeed(42, key: "Mbpp/11") == 42 ^ SplitMix64.fnv1a("Mbpp/11"))
        #expect(CodeSearchConfiguration.standard.derivedSeed(42, key: "Mbpp/11") == SeedDerivation.seed(42, key: "Mbpp/11"))
        // The oracle's test subset follows the recorded rule too.
        let suite = TestSuite(cases: (0..<20).map { .assertion("assert f() == \($0)") })
        let problem = Problem(
            id: "Mbpp/11", dataset: .mbpp, prompt: "p", style: .function(entryPoint: "f"), referenceSolution: nil, tests: suite)
        #expect(
            RewardTests.oracle.suite(for: problem, configuration: old)
                == SearchTestSelection.subset(of: suite, limit: 10, seed: old.search.seed, problem: "Mbpp/11", rule: .xorFNV1a))
        #expect(
            RewardTests.oracle.suite(for: problem, configuration: .standard)
                == SearchTestSelection.subset(of: suite, limit: 10, seed: 42, problem: "Mbpp/11", rule: .derivation))
    }

    @Test("runs show prints the recorded configuration as a table of settings; an oracle reward says so")
    func settingsTable() throws {
        let store = try RunStore.inMemory()
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let dataset = directory + "/mbpp.jsonl"
        try "{}\n".write(toFile: dataset, atomically: true, encoding: .utf8)
        var configuration = Self.configuration(path: dataset, rewardTests: .public)
        configuration.codeSearch.processReward = ProcessRewardGuidance(model: "prm-r1", weight: 0.25)
        let run = try SearchRun.create(configuration, seed: 9, model: ModelSpec(name: "m", basePath: "/m.gguf"), toolVersion: "t", in: store)
        let summary = try StoredRunSummary(try #require(try store.run(run.id)), in: store)
        #expect(summary.searchConfiguration == configuration)
        let lines = try summary.lines(store: store)
        let c = configuration.codeSearch.search
        #expect(lines.contains("reward tests              public"))
        #expect(lines.contains("rollouts · depth · width  \(c.rollouts) · \(c.maxDepth) · \(c.width)"))
        #expect(lines.contains("dataset                   mbpp test · limit 2"))
        #expect(lines.contains("process reward            prm-r1 · weight 0.25"))

        configuration.rewardTests = nil  // recorded before the choice existed: the oracle
        #expect(configuration.settings.contains { $0.0 == "reward tests" && $0.1.hasPrefix("oracle (ORACLE") })
    }

    @Test("Reward tests come from the recorded source; a generated source needs its file")
    func rewardTests() throws {
        var log: [String] = []
        #expect(try Self.configuration(path: "x", rewardTests: nil).rewardTests(for: [], log: { log.append($0) }) == .oracle)
        #expect(try Self.configuration(path: "x", rewardTests: .public).rewardTests(for: [], log: { log.append($0) }) == .public)
        #expect(log == ["reward: public tests (0 problems with tests)"])
        #expect(throws: SearchRunError.missingGeneratedTests) {
            try Self.configuration(path: "x", rewardTests: .generated).rewardTests(for: [], log: { _ in })
        }
        #expect(throws: TestGenerationError(.testsFileMissing, "/nonexistent/t.jsonl")) {
            try Self.configuration(path: "x", rewardTests: .generated, testsFile: "/nonexistent/t.jsonl")
                .rewardTests(for: [], log: { _ in })
        }
    }

    @Test("Few-shot examples come from the recorded file (a changed file is warned about) or, with none recorded, the bundled ones")
    func fewShotFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = Self.configuration(path: directory + "/mbpp.jsonl", rewardTests: .public)
        var warnings: [String] = []
        #expect(try configuration.fewShotLibrary { warnings.append($0) } == FewShotLibrary.bundled())
        // The format-only examples of bench-fewshot, copied so the test may change the file.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../bench/fewshot/format-only.json").path
        let file = directory + "/examples.json"
        try FileManager.default.copyItem(atPath: source, toPath: file)
        configuration.fewShotPath = file
        configuration.fewShotSHA256 = try SHA256.hex(ofFile: file)
        let library = try configuration.fewShotLibrary { warnings.append($0) }
        #expect(library != (try FewShotLibrary.bundled()))
        #expect(warnings.isEmpty)
        // Recorded and read back with the run (Codable), then the file changes: a warning, same examples.
        let decoded = try JSONDecoder().decode(SearchRunConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded.fewShotPath == file && decoded.fewShotSHA256 == configuration.fewShotSHA256)
        try (String(contentsOfFile: file, encoding: .utf8) + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try decoded.fewShotLibrary { warnings.append($0) } == library)
        #expect(warnings.count == 1 && warnings[0].contains("changed since the run started"))
        // A configuration recorded before the option existed has no file: bundled examples.
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.configuration(path: file, rewardTests: .public))) as? [String: Any])
        object.removeValue(forKey: "fewShotPath")
        let old = try JSONDecoder().decode(SearchRunConfiguration.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.fewShotPath == nil)
    }

    @Test("--selection: the preset's policy unless chosen; a PRM turns on PUCT")
    func treePolicy() {
        let uct = SelectionPolicy.uct(exploration: 2)
        #expect(TreePolicy.selection(nil, preset: uct, exploration: nil, hasProcessReward: false) == uct)
        #expect(TreePolicy.selection(nil, preset: uct, exploration: 1, hasProcessReward: true) == .puct(exploration: 1))
        #expect(TreePolicy.selection(.uct, preset: .puct(exploration: 3), exploration: nil, hasProcessReward: false) == .uct(exploration: 3))
        #expect(TreePolicy.selection(nil, preset: .puct(exploration: 3), exploration: nil, hasProcessReward: false) == .puct(exploration: 3))
    }

    @Test("A stored run sums up for runs list/show and renders as a tree report")
    func storedRun() throws {
        let store = try RunStore.inMemory()
        let record = try store.createRun(
            RunRecord(
                kind: .search, status: .finished, createdAt: Date(), configuration: "{}", seed: 42, toolVersion: "t",
                modelName: "m", modelSHA256: nil, datasetName: "mbpp", datasetPath: "x", datasetSHA256: nil))
        let id = try #require(record.id)
        try store.saveFinishedProblem(
            ProblemRecord(
                runId: id, problemId: "p", problem: CodeSearchTests.problem("p"), solved: true, bestReward: 1, rollouts: 3, generatedTokens: 120,
                promptTokensEvaluated: 300, promptTokensReused: 200, firstSolutionRollout: 2, stopReason: "perfect_solution",
                seconds: 1, finishedAt: Date()),
            nodes: [], executions: [])
        let summary = try StoredRunSummary(record, in: store)
        #expect(summary.listLine == "\(id)\tsearch\tfinished\tm\tmbpp\t1/1 solved")
        let lines = try summary.lines(store: store)
        #expect(lines.contains("problems 1 · solved 1 · generated tokens 120 · prompt tokens evaluated 300, reused 200"))
        #expect(lines.contains { $0.hasPrefix("rollouts to the first reward-1 answer: median 2") })
        #expect(lines.last?.hasPrefix("tree ASPR n/a") == true)
        let report = try TreeReport(run: record, store: store)
        #expect(report.problems.map(\.id) == ["p"])
        #expect(report.summary.contains(TreeReport.SummaryItem("solved", "1 / 1")))
        #expect(report.summary.contains(TreeReport.SummaryItem("configuration", "{}")), "unreadable settings stay as JSON")

        // A readable configuration is shown as rows, as runs show prints it.
        var configured = record
        configured.configuration = try JSONCoding.string(SearchRunConfiguration(
            preset: .standard, codeSearch: .standard, dataset: .mbpp, path: "x", split: [], limit: nil, problems: [], model: "m",
            contextLength: 4096, threads: 2, rewardTests: .public, generatedTestsPath: nil, generatedTestsSHA256: nil))
        let rows = try TreeReport(run: configured, store: store).summary
        #expect(rows.contains(TreeReport.SummaryItem("preset", "standard")))
        #expect(!rows.contains { $0.label == "configuration" })

        // An experiment that lives in files lists where its results are.
        let sample = try store.register(
            RunRecord(
                kind: .sample, status: .finished, createdAt: Date(), configuration: "{}", seed: 1, toolVersion: "t", modelName: "m",
                modelSHA256: nil, datasetName: "mbpp", datasetPath: "x", datasetSHA256: nil, output: "/runs/s"))
        #expect(try StoredRunSummary(sample, in: store).listLine.hasSuffix("\tsample\tfinished\tm\tmbpp\t/runs/s"))
    }
}
