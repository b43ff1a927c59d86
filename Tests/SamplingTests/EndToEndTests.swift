import Datasets
import Execution
import Foundation
import Inference
import Models
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Sampling
import Testing

/// Real engine (SmolLM2-135M), real sandbox, real MBPP: two problems through the whole protocol.
@Suite struct EndToEndTests {
    @Test("SmolLM2 on 2 MBPP test problems: CoT ASPR, graded in the sandbox, ledger written, rerun skips both",
        .requires(.testModel, .python3, .sharedDataset("mbpp/mbpp.jsonl")),
        .timeLimit(.minutes(10)))
    func sampleTwoProblems() async throws {
        let modelPath = TestEnvironment.testModelPath
        let loaded = try DatasetLoader().loadProblems(
            dataset: .mbpp, path: TestEnvironment.sharedDataset("mbpp/mbpp.jsonl"), options: LoadOptions(mbppSplits: [.test]))
        let problems = Array(loaded.problems.prefix(2))
        var sampling = SamplingParameters(temperature: 0.8, seed: 7, maxTokens: 48)
        sampling.topK = 40
        let configuration = SamplingConfiguration(
            style: .chainOfThought, samplingProtocol: .aspr(prefixes: 1, completions: 2), sampling: sampling,
            codeMaxTokens: 48, fewShotExamples: 1)
        let engine = try LlamaEngine(
            spec: .file(modelPath),
            configuration: LlamaConfiguration(contextLength: 2048, threads: 2, parallelSequences: 2, prefixCacheSlots: 2))
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2))
        let directory = RunDirectory(path: NSTemporaryDirectory() + "o1coder-sampling-e2e-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let manifest = RunManifest(
            configuration: configuration, dataset: ArtifactIdentity(name: "mbpp", path: loaded.path, sha256: loaded.sha256),
            datasetName: .mbpp, selection: ProblemSelection(splits: ["test"], limit: 2), problemCount: 2,
            model: ArtifactIdentity(name: "smollm2", path: modelPath, sha256: nil), toolVersion: "test",
            createdAt: "now", command: "test")
        let sampler = ProblemSampler(
            model: engine, prompts: PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 1),
            sandbox: sandbox, configuration: configuration)
        let runner = SamplingRunner(sampler: sampler, directory: directory)
        let records: [SampledProblem]
        do {
            records = try await runner.run(problems: problems, finished: try directory.open(for: manifest))
        } catch {
            await sandbox.shutdown()
            throw error
        }
        #expect(Set(records.map(\.taskID)) == Set(problems.map(\.id)))
        for record in records {
            #expect(record.prefixes.count == 1)
            #expect(record.completions.count == 2)
            for completion in record.completions {
                // Every sample has a verdict: a sandbox verdict when code was extracted, else unparsable.
                #expect(completion.code == nil ? completion.verdict == "unparsable" : completion.verdict != "unparsable")
                #expect(completion.generatedTokens <= 48)
            }
        }
        #expect(try directory.finishedProblems().count == 2)

        // A rerun finds both problems finished and samples nothing.
        let again = try await runner.run(problems: problems, finished: try directory.open(for: manifest))
        await sandbox.shutdown()
        #expect(again.count == 2)
        #expect(await engine.statistics.requests == 4, "2 whole answers + 2 completion requests, none on rerun")
    }
}
