import ArgumentParser
import Datasets
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import RunStorage
import TestGeneration
import Testing
import CommandOptions
@testable import O1CoderCLI

/// `tcg generate` → `tcg eval` through the command line, with the real llama.cpp engine
/// (SmolLM2-135M) and the real sandbox, on two MBPP test problems.
@Suite(.requires(.testModel, .python3, .sharedDataset("mbpp/mbpp.jsonl")), .timeLimit(.minutes(10)))
struct TCGEndToEndTests {
    @Test("SmolLM2 generates tests for two MBPP problems; the run resumes; eval measures them")
    func generateAndEvaluate() async throws {
        let model = TestEnvironment.testModelPath
        let mbpp = TestEnvironment.sharedDataset("mbpp/mbpp.jsonl")
        let directory = NSTemporaryDirectory() + "o1coder-tcg-e2e-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tests = directory + "/tests.jsonl"
        let store = directory + "/runs.sqlite"
        let selection = ["--dataset", "mbpp", "--path", mbpp, "--split", "test", "--limit", "2", "--workers", "1", "--store", store]
        let generateArguments = ["tcg", "generate"] + selection + [
            "--model", model, "-n", "3", "--max-tokens", "256", "--threads", "2", "--ctx", "2048", "--out", tests,
        ]

        let generate = try #require(try O1Coder.parseAsRoot(generateArguments) as? TCGCommand.Generate)
        try await generate.run()

        let records = try TCGTestsFile.read(tests).records
        #expect(records.map(\.generated.problemID) == ["Mbpp/11", "Mbpp/12"])
        for record in records {
            let generated = record.generated
            #expect(generated.mode == .inputsOnly)
            #expect(generated.completions.count == 1)
            #expect(generated.report.isConsistent)
            #expect(generated.report.proposed >= 1)
            #expect(generated.suite.cases.count == generated.report.kept)
            #expect(record.model.contains("smollm2"))
        }
        let totals = TCGGenerationTotals(records.map(\.generated.report))
        print("[TCGEndToEndTests] SmolLM2 on Mbpp/11, Mbpp/12: \(totals.line)")

        // A second run finds both problems done and leaves the file as it was.
        let before = try String(contentsOfFile: tests, encoding: .utf8)
        try await (try #require(try O1Coder.parseAsRoot(generateArguments) as? TCGCommand.Generate)).run()
        #expect(try String(contentsOfFile: tests, encoding: .utf8) == before)

        // Samples: the references (correct) and one wrong program per problem.
        let problems = try generate.selection.loadFile().problems
        var samples = ""
        for problem in problems {
            let reference = try #require(problem.referenceSolution)
            let entry = try #require(problem.entryPoint)
            for solution in [reference, "def \(entry)(*args):\n    return None\n"] {
                let line = try JSONSerialization.data(withJSONObject: ["task_id": problem.id.rawValue, "solution": solution])
                samples += String(decoding: line, as: UTF8.self) + "\n"
            }
        }
        let samplesPath = directory + "/samples.jsonl"
        try samples.write(toFile: samplesPath, atomically: true, encoding: .utf8)
        let report = directory + "/eval.json"
        let evaluate = try #require(
            try O1Coder.parseAsRoot(
                ["tcg", "eval"] + selection + [
                    "--tests", tests, "--samples", samplesPath, "--max-mutants", "3", "--out", report,
                ]) as? TCGCommand.Evaluate)
        try await evaluate.run()

        let evaluation = try JSONDecoder().decode(TCGEvaluation.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(evaluation.problems.map(\.problemID) == ["Mbpp/11", "Mbpp/12"])
        #expect(evaluation.generation == totals)
        let passRate = evaluation.quality.passRate
        #expect(passRate.evaluated == totals.kept)
        #expect(passRate.unparsable == totals.unparsable)
        // Inputs-only: expected outputs come from the reference, which therefore passes them all.
        #expect(passRate.passed == passRate.evaluated)
        // Both wrong samples fail ground truth and are known wrong; mutants add more.
        #expect(evaluation.quality.discrimination.wrongSolutions >= 2)
        // Agreement covers the reference (once, though it is also a sample) and every wrong program.
        let agreement = evaluation.quality.agreement
        #expect(agreement.total == 2 + evaluation.quality.discrimination.wrongSolutions)
        #expect(agreement.truePositives == 2)
        print("[TCGEndToEndTests] \(evaluation.table)")

        // Both experiments are listed in the store, the resumed generation as its first entry.
        let listed = try RunStore(path: store).runs()
        #expect(listed.map(\.kind) == [.tcgGenerate, .tcgEval])
        #expect(listed.allSatisfy { $0.status == .finished && $0.datasetName == "mbpp" })
        #expect(listed.first?.output == URL(fileURLWithPath: tests).standardizedFileURL.path)
    }
}
