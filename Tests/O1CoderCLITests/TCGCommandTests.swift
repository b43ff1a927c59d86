import ArgumentParser
import CodeSearch
import Datasets
import Inference
import Foundation
import O1CoderCore
import TestGeneration
import Search
import Testing
import CommandOptions
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
        let configuration = generate.generationConfiguration.seeded(for: "Mbpp/11")
        #expect(configuration.testsPerCompletion == 7)
        #expect(configuration.completionsPerProblem == 2)
        #expect(configuration.sampling.maxTokens == 300)
        #expect(configuration.includeReference)
        // Per-problem seeds: stable, distinct across problems, independent of the order.
        #expect(configuration.sampling.seed == generate.generationConfiguration.seeded(for: "Mbpp/11").sampling.seed)
        #expect(configuration.sampling.seed != generate.generationConfiguration.seeded(for: "Mbpp/12").sampling.seed)
    }

    @Test("tcg generate defaults: automatic mode, 5 tests, one completion")
    func generateDefaults() throws {
        let generate = try #require(
            try O1Coder.parseAsRoot(["tcg", "generate", "--dataset", "apps", "--out", "t.jsonl"]) as? TCGCommand.Generate)
        #expect(generate.mode == nil)
        #expect(generate.n == 5)
        #expect(generate.completions == 1)
        #expect(generate.generationConfiguration.maxTests == 20)
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
        #expect(data.build.options.testsPerExample == 3)
        #expect(data.build.options.mode == .full)
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
        #expect(try decoded.rewardTests(for: [], log: { _ in }) == .oracle)
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
