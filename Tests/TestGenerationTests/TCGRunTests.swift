import Execution
import Foundation
import Inference
import O1CoderCore
import Synchronization
import Testing
@testable import TestGeneration

@Suite struct TCGRunTests {
    static func temporaryFile() -> String {
        NSTemporaryDirectory() + "o1coder-tcg-run-\(UUID().uuidString)/tests.jsonl"
    }

    @Test("tcg generate appends one record per problem, then resumes without loading a model")
    func generationResumes() async throws {
        let path = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let problems = [Fixtures.addProblem]
        let configuration = TestGenerationConfiguration(sampling: SamplingParameters(temperature: 0.7, seed: 5, maxTokens: 64))
        let first = TCGGenerationRun(problems: problems, testsFile: path, existing: try TCGTestsFile.read(path))
        #expect(first.pending.map(\.id) == ["test/add"])
        var lines: [String] = []
        let totals = try await first.run(
            configuration: configuration, mode: nil, sandbox: arithmeticSandbox(),
            model: { ScriptedLanguageModel(completions: [TestCaseGeneratorTests.messyInputs]) },
            progress: { lines.append("[\($0.done)/\($0.total)] \($0.detail)") })

        let records = try TCGTestsFile.read(path).records
        #expect(records.count == 1)
        #expect(records.first?.model == "scripted")
        #expect(records.first?.seed == configuration.seeded(for: "test/add").sampling.seed)
        #expect(totals == TCGGenerationTotals(records.map(\.generated.report)))
        #expect(lines.count == 1 && lines[0].hasPrefix("[1/1] test/add inputs-only: kept "))

        let second = TCGGenerationRun(problems: problems, testsFile: path, existing: try TCGTestsFile.read(path))
        #expect(second.pending.isEmpty)
        #expect(second.plan == "0 of 1 problems to do (1 already in \(path))")
        let loads = Mutex(0)
        let resumed = try await second.run(
            configuration: configuration, mode: nil, sandbox: arithmeticSandbox(),
            model: {
                loads.withLock { $0 += 1 }
                return ScriptedLanguageModel(completions: [])
            },
            progress: { _ in })
        #expect(resumed == totals)
        #expect(loads.withLock { $0 } == 0)
    }

    @Test("Seeds per problem are stable, distinct and independent of the rest of the selection")
    func seeding() {
        let configuration = TestGenerationConfiguration(sampling: SamplingParameters(temperature: 0.7, seed: 42, maxTokens: 64))
        let a = configuration.seeded(for: "Mbpp/11").sampling.seed
        #expect(a == configuration.seeded(for: "Mbpp/11").sampling.seed)
        #expect(a != configuration.seeded(for: "Mbpp/12").sampling.seed)
        #expect(a != 42)
    }

    @Test("tcg eval measures the covered problems and reports the missing ones")
    func quality() async throws {
        let generated = try await TestCaseGenerator(
            model: ScriptedLanguageModel(completions: [TestCaseGeneratorTests.messyInputs]), sandbox: arithmeticSandbox()
        ).generate(for: Fixtures.addProblem)
        let contents = TCGTestsFile.Contents(records: [TCGTestsRecord(generated: generated, model: "m", seed: 1)])
        var missing = Fixtures.addProblem
        missing.id = "test/missing"
        var lines: [String] = []
        let run = TCGQualityRun(sandbox: arithmeticSandbox(), limits: .default, maxMutants: 0, seed: 0)
        let evaluation = try await run.evaluate(
            [Fixtures.addProblem, missing], tests: contents, samples: [:],
            source: .init(dataset: "mbpp", testsFile: "t.jsonl", samplesFile: nil), log: { lines.append($0) },
            progress: { lines.append("[\($0.done)/\($0.total)] \($0.detail)") })

        #expect(evaluation.problems.map(\.problemID) == ["test/add"])
        #expect(evaluation.missingProblems == ["test/missing"])
        #expect(evaluation.generation == TCGGenerationTotals([generated.report]))
        #expect(lines.first == "warning: 1 selected problems are not in t.jsonl; they are left out")
        #expect(lines.last?.hasPrefix("[1/1] test/add: 2 tests") == true)
        #expect(evaluation.table.contains("not in the tests file: 1 problems"))
    }

    @Test("tcg data: SFT records without a sandbox; unverified TACO rows are left out unless asked")
    func dataBuild() async throws {
        var unverified = Fixtures.sumProblem
        unverified.metadata["verification"] = "fail"
        #expect(TCGDataBuild.usable([Fixtures.addProblem, unverified], includeUnverified: false).map(\.id) == ["test/add"])
        #expect(TCGDataBuild.usable([Fixtures.addProblem, unverified], includeUnverified: true).count == 2)

        let build = TCGDataBuild(
            kind: .sft, options: TCGTrainingOptions(testsPerExample: 2, examplesPerProblem: 2), wrongSolutions: 0, seed: 7,
            limits: .default)
        #expect(!build.needsSandbox)
        let dataset = try await build.build([Fixtures.addProblem], sandbox: nil, progress: { _ in Issue.record("no progress without a sandbox") })
        #expect(dataset.count == 2)
        #expect(dataset.jsonl.split(separator: "\n").count == 2)
        #expect(dataset.summary == "1 problems, 0 without usable ground-truth tests")
        let again = try await build.build([Fixtures.addProblem], sandbox: nil, progress: { _ in })
        #expect(again.jsonl == dataset.jsonl)
    }
}
