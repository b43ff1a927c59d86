import CodeSearch
import Execution
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import RunStorage
import Search
import Synchronization
import Testing

@Suite struct BestOfNSamplerTests {
    static let answerGood = "```python\ndef add(a, b):\n    return a + b\n```"
    static let answerBad = "```python\ndef add(a, b):\n    return a - b\n```"

    static func sampler(_ model: ScriptedLanguageModel, greedy: Bool = false) throws -> BestOfNSampler {
        let generator = AnswerGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled()))
        var c = CodeSearchTests.configuration()
        c.search.width = 2
        return greedy
            ? .greedy(generator: generator, sandbox: CodeSearchTests.sandbox(), configuration: c, rewardTests: .oracle)
            : BestOfNSampler(generator: generator, sandbox: CodeSearchTests.sandbox(), configuration: c, style: .direct, rewardTests: .oracle)
    }

    @Test("Best-of-N stops at the first answer passing the reward tests, and counts every token")
    func stopsOnPass() async throws {
        let model = ScriptedLanguageModel([.texts([Self.answerBad, Self.answerBad]), .texts([Self.answerGood, Self.answerBad])])
        let r = try await Self.sampler(model).run(CodeSearchTests.problem("Mbpp/1"), tokenBudget: 10_000)
        #expect(r.stop == .rewardPassed)
        #expect(r.isSolved)
        #expect(r.samples == 4, "the whole second batch was generated, so it is counted")
        #expect(model.requests.count == 2)
        // Both requests' answers are paid for; the scripted model gives one token per word.
        #expect(r.generatedTokens == 4 * Self.answerBad.split(whereSeparator: \.isWhitespace).count)
        // An answer may be as long as a whole search path: depth × step cap.
        #expect(model.requests.allSatisfy { $0.parameters.maxTokens == 512 * 2 })
    }

    @Test("Best-of-N spends the budget when nothing passes, and picks the best reward (first on ties)")
    func spendsBudget() async throws {
        let words = Self.answerBad.split(whereSeparator: \.isWhitespace).count
        let model = ScriptedLanguageModel(Array(repeating: .texts([Self.answerBad, Self.answerBad]), count: 3))
        let r = try await Self.sampler(model).run(CodeSearchTests.problem("Mbpp/1"), tokenBudget: 2 * words * 2)
        #expect(r.stop == .tokenBudget)
        #expect(model.requests.count == 2, "the budget is checked before each request")
        // Each request may spend at most what is left of the budget, shared by its samples.
        #expect(model.requests.map(\.parameters.maxTokens) == [words * 2, words])
        #expect(r.generatedTokens == 4 * words)
        #expect(!r.isSolved)
        #expect(r.answer?.contains("a - b") == true)
    }

    @Test("Greedy: one request, one answer, temperature 0")
    func greedy() async throws {
        let model = ScriptedLanguageModel([.texts([Self.answerGood])])
        let r = try await Self.sampler(model, greedy: true).run(CodeSearchTests.problem("Mbpp/1"), tokenBudget: 1)
        #expect(model.requests.count == 1)
        #expect(model.requests[0].n == 1 && model.requests[0].parameters.temperature == 0)
        #expect(r.isSolved && r.samples == 1)
    }
}

@Suite struct ComparisonSummaryTests {
    static func record(_ arm: ComparisonArm, _ budget: Int, _ problem: String, _ solved: Bool, tokens: Int = 100) -> ComparisonRecord {
        ComparisonRecord(
            arm: arm, budget: budget, problem: ProblemID(problem), solved: solved, generatedTokens: tokens, seconds: 1,
            stop: "token_budget", attempts: 1, bestReward: solved ? 1 : 0, rewardTestCount: 1)
    }

    @Test("Paired over the problems every arm finished; greedy reused at every budget; McNemar on discordant pairs")
    func summary() {
        var records: [ComparisonRecord] = []
        for i in 0..<10 {
            let p = "Mbpp/\(i)"
            records.append(Self.record(.greedyDirect, 0, p, i < 3))
            records.append(Self.record(.bestOfNDirect, 2000, p, i < 4))
            records.append(Self.record(.mctsStandard, 2000, p, i < 6 || i == 9))
        }
        // A problem MCTS has not finished yet: left out of the paired numbers.
        records.append(Self.record(.greedyDirect, 0, "Mbpp/99", true))
        records.append(Self.record(.bestOfNDirect, 2000, "Mbpp/99", true))
        let s = ComparisonSummary(records: records, arms: [.greedyDirect, .bestOfNDirect, .mctsStandard], budgets: [2000])
        #expect(s.completeProblems == 10)
        let cells = Dictionary(uniqueKeysWithValues: s.cells.map { ($0.arm, $0) })
        #expect(cells[.greedyDirect]?.solved == 3)
        #expect(cells[.bestOfNDirect]?.solved == 4)
        #expect(cells[.mctsStandard]?.solved == 7)
        #expect(cells.values.allSatisfy { $0.problems == 10 && $0.budget == 2000 })
        let interval = try! #require(cells[.mctsStandard]?.interval)
        #expect(interval.lower < 0.7 && interval.upper > 0.7 && interval.lower >= 0 && interval.upper <= 1)
        let paired = try! #require(s.paired.first)
        #expect(paired.second == .bestOfNDirect)
        #expect(paired.test.onlyFirst == 3 && paired.test.onlySecond == 0)
        #expect(abs(paired.test.pValue - 0.25) < 1e-9)
    }

    @Test("McNemar's exact p-value and Wilson's interval match hand-computed values")
    func statistics() {
        #expect(McNemarTest(first: [true, false], second: [true, false]).pValue == 1)
        // 1 vs 9 discordant: 2 · P(X ≤ 1 | n=10, 1/2) = 2 · 11/1024.
        let t = McNemarTest(first: [true] + Array(repeating: false, count: 9), second: [false] + Array(repeating: true, count: 9))
        #expect(abs(t.pValue - 22.0 / 1024) < 1e-12)
        let w = ProportionInterval.wilson(successes: 5, trials: 10)
        #expect(abs(w.lower - 0.2366) < 1e-3 && abs(w.upper - 0.7634) < 1e-3)
        let b1 = ProportionInterval.bootstrap(Array(repeating: true, count: 5) + Array(repeating: false, count: 5), seed: 7)
        let b2 = ProportionInterval.bootstrap(Array(repeating: true, count: 5) + Array(repeating: false, count: 5), seed: 7)
        #expect(b1 == b2)
        #expect(b1.lower < 0.5 && b1.upper > 0.5)
        // The mean form resamples the same way: on 0/1 values it is the proportion's interval.
        #expect(ProportionInterval.bootstrap(means: Array(repeating: 1, count: 5) + Array(repeating: 0, count: 5), seed: 7) == b1)
        let d = ProportionInterval.bootstrap(means: [-1, -0.5, 0, 0.5, 1, 1], seed: 3)
        #expect(d.lower < 1.0 / 6 && d.upper > 1.0 / 6 && d.lower >= -1 && d.upper <= 1)
        // The sign test from counts is McNemar's computation on the same discordant numbers.
        #expect(McNemarTest(onlyFirst: 1, onlySecond: 9) == t)
    }

    @Test("The ledger resumes: a torn last line is dropped and cut, appends continue on a clean line")
    func ledger() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        let book = JSONLLedger<ComparisonRecord>(path: dir + "/l.jsonl")
        try book.append(Self.record(.mctsStandard, 2000, "Mbpp/1", true))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: book.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"arm\":\"mcts-st".utf8))
        try handle.close()
        #expect(try book.records().count == 1)
        try book.append(Self.record(.mctsStandard, 2000, "Mbpp/2", false))
        let again = try book.records()
        #expect(again.map(\.problem.rawValue) == ["Mbpp/1", "Mbpp/2"])
        #expect(again[0].key == "mcts-standard|2000|Mbpp/1")
    }

    @Test("The manifest is written for a new ledger, read back, and names what a later run changed")
    func manifest() throws {
        let ledger = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)/l.jsonl").path
        let c = CodeSearchConfiguration.standard.sampling(SamplingParameters(seed: 7, maxTokens: 256))
        #expect(c.search.seed == 7 && c.sampling.seed == 7 && c.sampling.maxTokens == 256)
        var expected = CodeSearchConfiguration.standard
        expected.search.seed = 7
        expected.sampling.seed = 7
        expected.sampling.maxTokens = 256
        #expect(c == expected, "nothing else changes")
        let manifest = ComparisonManifest(model: "m", modelSHA256: "s", rewardTests: "public", configuration: c, toolVersion: "0")
        #expect(ComparisonManifest.recorded(forLedger: ledger) == nil)
        #expect(try manifest.openOrCheck(ledger: ledger).isEmpty)
        #expect(ComparisonManifest.recorded(forLedger: ledger) == manifest)
        #expect(try manifest.openOrCheck(ledger: ledger).isEmpty, "the same settings may extend the ledger")
        var other = manifest
        other.model = "n"
        other.configuration = CodeSearchConfiguration.standard.sampling(SamplingParameters(seed: 8, maxTokens: 256))
        // Beside no cells (a fresh clone has the committed manifest alone) other settings start over.
        #expect(try other.openOrCheck(ledger: ledger).isEmpty)
        #expect(ComparisonManifest.recorded(forLedger: ledger) == other)
        try "{}\n".write(toFile: ledger, atomically: true, encoding: .utf8)
        #expect(try manifest.openOrCheck(ledger: ledger) == ["model n → m", "search/sampling configuration"])
    }

    @Test("A PRM joins a ledger that had none (recorded); another PRM, or another weight, is refused")
    func manifestPRM() throws {
        let ledger = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-prm-\(UUID().uuidString)/l.jsonl").path
        let plain = ComparisonManifest(
            model: "m", modelSHA256: "s", rewardTests: "public", configuration: .standard, toolVersion: "0")
        #expect(try plain.openOrCheck(ledger: ledger).isEmpty)
        try "{}\n".write(toFile: ledger, atomically: true, encoding: .utf8)
        var withPRM = plain
        withPRM.processReward = ProcessRewardGuidance(model: "prm-a", weight: 0.5)
        withPRM.processRewardSHA256 = "aa"
        #expect(try withPRM.openOrCheck(ledger: ledger).isEmpty)
        #expect(ComparisonManifest.recorded(forLedger: ledger) == withPRM, "the PRM is recorded for its cells")
        #expect(try plain.openOrCheck(ledger: ledger).isEmpty, "a run without the PRM arm may still extend the ledger")
        var other = withPRM
        other.processReward = ProcessRewardGuidance(model: "prm-b", weight: 0.5)
        #expect(try other.openOrCheck(ledger: ledger) == ["PRM prm-a (weight 0.5) → prm-b (weight 0.5)"])
        other = withPRM
        other.processRewardSHA256 = "bb"
        #expect(try other.openOrCheck(ledger: ledger).count == 1, "the same name retrained is another PRM")
    }

    @Test("A fresh clone resumes from the committed report: missing cells and the manifest come back; other settings are left alone")
    func restoreFromReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("restore-\(UUID().uuidString)").path
        let manifest = ComparisonManifest(model: "m", modelSHA256: "s", rewardTests: "public", configuration: .standard, toolVersion: "0")
        let old = JSONLLedger<ComparisonRecord>(path: dir + "/old.jsonl")
        #expect(try manifest.openOrCheck(ledger: old.path).isEmpty)
        let cells = [Self.record(.greedyDirect, 0, "Mbpp/2", true), Self.record(.mctsStandard, 1000, "Mbpp/1", false)]
        for cell in cells { try old.append(cell) }
        let report = ComparisonReport(
            records: try old.records(), arms: [.greedyDirect, .mctsStandard], budgets: [1000], rewardTests: "public",
            manifest: ComparisonManifest.recorded(forLedger: old.path), ledger: old.path)
        #expect(report.records.map(\.key) == ["greedy-direct|0|Mbpp/2", "mcts-standard|1000|Mbpp/1"], "sorted by key")
        let reportPath = dir + "/search.json"
        try report.json().write(toFile: reportPath, atomically: true, encoding: .utf8)

        let fresh = JSONLLedger<ComparisonRecord>(path: dir + "/fresh.jsonl")
        #expect(try ComparisonReport.restore(fresh, fromReportAt: dir + "/none.json") == .nothing)
        #expect(try ComparisonReport.restore(fresh, fromReportAt: reportPath) == .restored(cells: 2))
        #expect(Set(try fresh.records()) == Set(cells))
        #expect(ComparisonManifest.recorded(forLedger: fresh.path) == manifest, "the settings check now compares with the old run")
        #expect(try ComparisonReport.restore(fresh, fromReportAt: reportPath) == .restored(cells: 0), "never twice")
        #expect(try fresh.records().count == 2)

        // A ledger made with other settings keeps its own cells.
        var other = manifest
        other.rewardTests = "oracle"
        let foreign = JSONLLedger<ComparisonRecord>(path: dir + "/foreign.jsonl")
        #expect(try other.openOrCheck(ledger: foreign.path).isEmpty)
        try foreign.append(Self.record(.greedyDirect, 0, "Mbpp/9", false))
        #expect(try ComparisonReport.restore(foreign, fromReportAt: reportPath) == .conflicting(differences: ["reward tests oracle → public"]))
        #expect(try foreign.records().count == 1)

        try "{\"date\": 1}".write(toFile: reportPath, atomically: true, encoding: .utf8)
        #expect(throws: JSONLLedger<ComparisonRecord>.Failure.self) { try ComparisonReport.restore(fresh, fromReportAt: reportPath) }
    }
}

@Suite struct ComparisonPRMArmTests {
    static let answer = "code\">\n```python\ndef add(a, b):\n    return a + b\n```\n</step>"

    static func comparison(_ prm: TablePRM?, arms: [ComparisonArm]) throws -> ComputeMatchedComparison {
        let ledger = JSONLLedger<ComparisonRecord>(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("prm-arm-\(UUID().uuidString).jsonl").path)
        return ComputeMatchedComparison(
            model: ConstantLanguageModel(cycling: [Self.answer]), prompts: PromptBuilder(library: try FewShotLibrary.bundled()),
            sandbox: CodeSearchTests.sandbox(), configuration: CodeSearchTests.configuration(), rewardTests: .oracle, arms: arms,
            budgets: [2000], ledger: ledger, processRewards: prm.map { ($0, ProcessRewardGuidance(model: "prm", weight: 0.4)) })
    }

    @Test("mcts-puct and mcts-puct-prm differ only in the PRM: both PUCT, only the second blends the PRM and calls it")
    func arms() async throws {
        let prm = TablePRM([:])
        let c = try Self.comparison(prm, arms: [.mctsPUCT, .mctsPUCTPRM])
        let plain = c.searchConfiguration(.mctsPUCT, budget: 2000)
        let guided = c.searchConfiguration(.mctsPUCTPRM, budget: 2000)
        #expect(plain.processReward == nil && guided.processReward == ProcessRewardGuidance(model: "prm", weight: 0.4))
        for config in [plain, guided] {
            if case .puct = config.search.selection {} else { Issue.record("expected PUCT, got \(config.search.selection)") }
        }
        var same = guided
        same.processReward = nil
        #expect(same == plain)
        if case .uct = c.searchConfiguration(.mctsStandard, budget: 2000).search.selection {} else { Issue.record("mcts-standard keeps UCT") }

        let problem = CodeSearchTests.problem("Mbpp/1")
        _ = try await c.run(.mctsPUCT, budget: 2000, on: problem)
        #expect(prm.asked.withLock { $0 }.isEmpty)
        let record = try await c.run(.mctsPUCTPRM, budget: 2000, on: problem)
        #expect(!prm.asked.withLock { $0 }.isEmpty, "the PRM scored the expansions")
        #expect(record.arm == .mctsPUCTPRM && record.solved)
    }

    @Test("mcts-puct-prm without a PRM is a clear error")
    func missingPRM() async throws {
        let c = try Self.comparison(nil, arms: [.mctsPUCTPRM])
        await #expect(throws: SearchRunError.missingProcessRewardModel(arm: "mcts-puct-prm")) {
            try await c.run(.mctsPUCTPRM, budget: 2000, on: CodeSearchTests.problem("Mbpp/1"))
        }
    }

    @Test("The summary pairs MCTS with the best sampling arm (never another search) and the PRM arm with mcts-puct")
    func pairs() {
        var records: [ComparisonRecord] = []
        for i in 0..<6 {
            let p = "Mbpp/\(i)"
            records.append(ComparisonSummaryTests.record(.bestOfNDirect, 2000, p, i < 2))
            records.append(ComparisonSummaryTests.record(.mctsStandard, 2000, p, i < 3))
            records.append(ComparisonSummaryTests.record(.mctsPUCT, 2000, p, i < 5))
            records.append(ComparisonSummaryTests.record(.mctsPUCTPRM, 2000, p, i < 1))
        }
        let s = ComparisonSummary(records: records, arms: [.bestOfNDirect, .mctsStandard, .mctsPUCT, .mctsPUCTPRM], budgets: [2000])
        #expect(s.paired.map { [$0.first, $0.second] } == [[.mctsStandard, .bestOfNDirect], [.mctsPUCTPRM, .mctsPUCT]])
        let prm = s.paired[1].test
        #expect(prm.onlyFirst == 0 && prm.onlySecond == 4)
    }
}

