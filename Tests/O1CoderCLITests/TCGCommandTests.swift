import ArgumentParser
import CodeSearch
import Datasets
import Inference
import Foundation
import O1CoderCore
import TestGeneration
import Search
import Testing
@testable import O1CoderCLI

@Suite struct TCGCommandTests {
    @Test("tcg generate parses selection, model, count, mode and output")
    func parsesGenerate() throws {
        let command = try O1Coder.parseAsRoot([
            "tcg", "generate", "--dataset", "mbpp", "--split", "test", "--limit", "30", "--model", "m.gguf", "-n", "7",
            "--completions", "2", "--mode", "full", "--max-tokens", "300", "--seed", "9", "--out", "t.jsonl",
            "--workers", "1",
        ])
        let generate = try #require(command as? TCGCommand.Generate)
        #expect(generate.selection.dataset == .mbpp)
        #expect(generate.selection.split == [.test])
        #expect(generate.modelOptions.model == "m.gguf")
        #expect(generate.mode == .full)
        #expect(generate.out == "t.jsonl")
        let configuration = generate.generationConfiguration(for: "Mbpp/11")
        #expect(configuration.testsPerCompletion == 7)
        #expect(configuration.completionsPerProblem == 2)
        #expect(configuration.sampling.maxTokens == 300)
        #expect(configuration.includeReference)
        // Per-problem seeds: stable, distinct across problems, independent of the order.
        #expect(configuration.sampling.seed == generate.generationConfiguration(for: "Mbpp/11").sampling.seed)
        #expect(configuration.sampling.seed != generate.generationConfiguration(for: "Mbpp/12").sampling.seed)
    }

    @Test("tcg generate defaults: automatic mode, 5 tests, one completion")
    func generateDefaults() throws {
        let generate = try #require(
            try O1Coder.parseAsRoot(["tcg", "generate", "--dataset", "apps", "--out", "t.jsonl"]) as? TCGCommand.Generate)
        #expect(generate.mode == nil)
        #expect(generate.n == 5)
        #expect(generate.completions == 1)
        #expect(generate.generationConfiguration(for: "x").maxTests == 20)
    }

    @Test("tcg eval and tcg data parse their options")
    func parsesEvalAndData() throws {
        let eval = try #require(
            try O1Coder.parseAsRoot([
                "tcg", "eval", "--dataset", "mbpp", "--tests", "t.jsonl", "--samples", "s.jsonl", "--max-mutants", "4",
                "--json",
            ]) as? TCGCommand.Evaluate)
        #expect(eval.tests == "t.jsonl")
        #expect(eval.samples == "s.jsonl")
        #expect(eval.maxMutants == 4)
        #expect(eval.json)
        let data = try #require(
            try O1Coder.parseAsRoot([
                "tcg", "data", "--kind", "dpo", "--dataset", "taco", "--out", "d.jsonl", "--tests-per-example", "3",
                "--wrong-solutions", "0",
            ]) as? TCGCommand.TrainingData)
        #expect(data.kind == .dpo)
        #expect(data.options.testsPerExample == 3)
        #expect(data.options.mode == .full)
        #expect(data.wrongSolutions == 0)
    }

    @Test("Invalid tcg invocations are usage errors", arguments: [
        ["tcg", "generate", "--dataset", "mbpp"],
        ["tcg", "generate", "--dataset", "mbpp", "--out", "t", "-n", "0"],
        ["tcg", "generate", "--dataset", "mbpp", "--out", "t", "--mode", "partial"],
        ["tcg", "eval", "--dataset", "mbpp"],
        ["tcg", "eval", "--dataset", "mbpp", "--tests", "t", "--max-mutants", "-1"],
        ["tcg", "data", "--kind", "dpo", "--dataset", "mbpp", "--out", "d", "--mode", "inputs-only"],
        ["tcg", "data", "--kind", "prm", "--dataset", "mbpp", "--out", "d"],
        ["search", "--dataset", "mbpp", "--tests", "generated"],
        ["search", "--dataset", "mbpp", "--generated-tests", "t.jsonl"],
    ])
    func rejects(arguments: [String]) {
        #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(arguments) }
    }

    @Test("search --tests generated records the file in the run configuration")
    func searchGenerated() throws {
        let search = try #require(
            try O1Coder.parseAsRoot([
                "search", "--dataset", "mbpp", "--tests", "generated", "--generated-tests", "/nonexistent/t.jsonl",
            ]) as? SearchCommand)
        let configuration = search.configurationFromOptions(datasetPath: "m.jsonl")
        #expect(configuration.rewardTests == .generated)
        #expect(configuration.generatedTestsPath == "/nonexistent/t.jsonl")
        // Runs recorded before --tests existed still decode (ground truth).
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration)) as? [String: Any] ?? [:]
        old["rewardTests"] = nil
        old["generatedTestsPath"] = nil
        let decoded = try JSONDecoder().decode(
            SearchRunConfiguration.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.rewardTests == nil)
        #expect(try SearchCommand.rewardTests(decoded, problems: []) == .oracle)
    }

    static func record(_ id: String, cases: [TestCase]) throws -> TCGTestsRecord {
        // GeneratedTests has no public memberwise init: build one the way the file stores it.
        let json = """
            {"problemID": "\(id)", "mode": "inputs-only", "tests": [], "completions": ["x"],
             "suite": \(String(decoding: try JSONEncoder().encode(TestSuite(cases: cases)), as: UTF8.self)),
             "report": \(String(decoding: try JSONEncoder().encode(GenerationReport(problemID: ProblemID(id), mode: .inputsOnly)), as: UTF8.self)),
             "model": "m", "seed": 7}
            """
        return try JSONDecoder().decode(TCGTestsRecord.self, from: Data(json.utf8))
    }

    @Test("The tests file round-trips, resumes after a torn line and feeds the search")
    func testsFile() throws {
        let path = NSTemporaryDirectory() + "o1coder-tcg-\(UUID().uuidString)/tests.jsonl"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try Self.record("Mbpp/1", cases: [.call(arguments: "[1, 2]", expected: .pythonLiteral("3"))])
        #expect(first.model == "m")
        #expect(first.seed == 7)
        try TCGTestsFile.Appender(path: path).append(first)
        // A kill in the middle of the next line leaves a torn line behind.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"problemID\": \"Mbpp/2\", \"mo".utf8))
        try handle.close()
        #expect(try TCGTestsFile.read(path).malformedLines == [2])

        try TCGTestsFile.Appender(path: path).append(try Self.record("Mbpp/3", cases: []))
        let contents = try TCGTestsFile.read(path)
        #expect(contents.malformedLines.isEmpty)
        #expect(contents.records.map(\.generated.problemID) == ["Mbpp/1", "Mbpp/3"])
        #expect(contents.records.first?.generated.suite == first.generated.suite)
        let suites = try TCGTestsFile.suites(path)
        #expect(suites["Mbpp/1"]?.cases.count == 1)
        #expect(suites["Mbpp/3"]?.cases.isEmpty == true)
        #expect(throws: ValidationError.self) { try TCGTestsFile.suites(path + ".missing") }
    }

    @Test("Generation totals add the reports up, parse failures included")
    func totals() {
        var a = GenerationReport(problemID: "a", mode: .inputsOnly)
        a.proposed = 5; a.parsed = 4; a.unparsable = 1; a.unparsableByReason = [.wrongArity: 1]
        a.rejectedByReference = 1; a.referenceCrashes = 1; a.kept = 3
        var b = GenerationReport(problemID: "b", mode: .full)
        b.proposed = 2; b.unparsable = 2; b.unparsableByReason = [.noTestBlocks: 1, .wrongArity: 1]
        let totals = TCGGenerationTotals([a, b])
        #expect(totals.problems == 2)
        #expect(totals.problemsWithTests == 1)
        #expect(totals.proposed == 7)
        #expect(totals.unparsable == 3)
        #expect(totals.unparsableByReason == ["wrong_arity": 2, "no_test_blocks": 1])
        #expect(totals.parseRate == 4.0 / 7.0)
        #expect(totals.byMode == ["inputs-only": 1, "full": 1])
    }
}

@Suite struct SearchOptionsTests {
    @Test("--selection puct switches the tree policy and keeps the preset's exploration constant; --reward-tests defaults to public")
    func selection() throws {
        let puct = try #require(try O1Coder.parseAsRoot(["search", "--dataset", "mbpp", "--selection", "puct"]) as? SearchCommand)
        let c = puct.configurationFromOptions(datasetPath: "m.jsonl")
        #expect(c.codeSearch.search.selection == .puct(exploration: 1.0))
        #expect(c.rewardTests == .public)
        let uct = try #require(
            try O1Coder.parseAsRoot(["search", "--dataset", "mbpp", "--selection", "uct", "--exploration", "0.5", "--reward-tests", "oracle"])
                as? SearchCommand)
        let u = uct.configurationFromOptions(datasetPath: "m.jsonl")
        #expect(u.codeSearch.search.selection == .uct(exploration: 0.5))
        #expect(u.rewardTests == .oracle)
        // Runs recorded with the old spelling decode as the oracle.
        let old = try JSONDecoder().decode([SearchTestsSource].self, from: Data(#"["ground-truth","public+generated"]"#.utf8))
        #expect(old == [.oracle, .publicAndGenerated])
    }
}
