import Foundation
import Inference
import Models
import O1CoderTestSupport
import Testing
@testable import Training

/// Real training through the pinned TRL environment on SmolLM2, and the adapter back in the engine.
// Limits detect hangs: on 2 shared cores torch beside the other suites is slow, not stuck.
@Suite(.serialized, .requires(.testModel, .trainingEnvironment), .timeLimit(.minutes(20)))
struct TrainingRoundTripTests {
    /// A chat SmolLM2 renders with its default system prompt; the raw text is what both sides see.
    static let prompt =
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
        + "<|im_start|>user\nName the marker function.<|im_end|>\n<|im_start|>assistant\n"
    static let answer = "def zebra_marker():\n    return 4242"

    let scratch = NSTemporaryDirectory() + "o1coder-train-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    func trainer() throws -> ModelTrainer {
        let environment = try TrainingEnvironment.discover(cache: TestEnvironment.cacheDirectory, repository: TestEnvironment.packageRoot)
        return ModelTrainer(environment: environment, store: ModelStore(directory: scratch + "/models"))
    }

    func write(_ name: String, _ rows: [[String: Any]]) throws -> String {
        try JSONLFixture.write(rows, named: name, in: scratch)
    }

    func memorisation() throws -> String {
        let row: [String: Any] = [
            "messages": [["role": "user", "content": "Name the marker function."], ["role": "assistant", "content": Self.answer]],
            "problemId": "t", "reward": 1.0,
        ]
        return try write("sft.jsonl", Array(repeating: row, count: 4))
    }

    static func hyperparameters(steps: Int, save: Int = 100) -> TrainingHyperparameters {
        var h = TrainingHyperparameters()
        h.maxSteps = steps
        h.learningRate = 1e-3
        h.maxLength = 128
        h.saveSteps = save
        h.threads = 1  // leaves a core to the suites that run beside this one
        return h
    }

    func engineGreedy(_ trainer: ModelTrainer, _ name: String) async throws -> Completion {
        let engine = try LlamaEngine(
            spec: trainer.store.resolve(name), configuration: LlamaConfiguration(contextLength: 256, threads: 2, parallelSequences: 1))
        var p = SamplingParameters.greedy
        p.maxTokens = 24
        return try await engine.generate(GenerationRequest(prompt: .text(Self.prompt), parameters: p)).completions[0]
    }

    @Test("SFT adapter: the engine's greedy output equals PyTorch's, token for token, and is the trained answer")
    func sftRoundTrip() async throws {
        let trainer = try trainer()
        let name = "test-sft-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let model = try await trainer.train(
            TrainingRequest(method: .sft, data: memorisation(), base: TestEnvironment.testModelPath, name: name,
                            hyperparameters: Self.hyperparameters(steps: 12)))
        #expect(model.steps == 12)
        #expect(model.records == 4)
        #expect((model.metrics["train_loss"] ?? 9) < 2)
        #expect(model.spec.lineage.origin == .trained(method: "sft", dataset: model.dataSHA256))
        #expect(trainer.record(name)?.dataSHA256 == model.dataSHA256)

        let reference = try await trainer.greedy(model: name, prompts: [Self.prompt], maxNewTokens: 24)
        let ours = try await engineGreedy(trainer, name)
        let theirs = try #require(reference.first)
        #expect(ours.tokens.map(\.rawValue) == Array(theirs.tokens.prefix(ours.tokens.count)))
        #expect(theirs.tokens.count - ours.tokens.count <= 1)  // PyTorch's list keeps the end-of-sequence token
        #expect(ours.text.trimmingCharacters(in: .whitespacesAndNewlines) == Self.answer)
        #expect(theirs.text == Self.answer)
        // The base model does not say it: the adapter is what changed the answer.
        let base = try await engineGreedy(trainer, TestEnvironment.testModelPath)
        #expect(base.text.trimmingCharacters(in: .whitespacesAndNewlines) != Self.answer)

        // A second round continues this model's adapter (what self-play rounds do).
        let next = try await trainer.train(
            TrainingRequest(method: .sft, data: memorisation(), base: name, name: name + "-r2", hyperparameters: Self.hyperparameters(steps: 2)))
        #expect(next.parent == name)
        #expect(try trainer.store.resolve(name + "-r2").adapters.count == 1)
        try? FileManager.default.removeItem(atPath: trainer.runDirectory(name + "-r2"))
    }

    @Test("A killed run resumes from its last checkpoint; other data under the same name is refused")
    func killedRunResumes() async throws {
        let trainer = try trainer()
        let name = "test-resume-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let data = try memorisation()
        let request = TrainingRequest(method: .sft, data: data, base: TestEnvironment.testModelPath, name: name,
                                      hyperparameters: Self.hyperparameters(steps: 8, save: 2))
        let task = Task { try await trainer.train(request) }
        // Interrupt (SIGINT, as Ctrl-C does) once the first checkpoint is complete.
        let first = trainer.runDirectory(name) + "/checkpoints/checkpoint-2/trainer_state.json"
        while !FileManager.default.fileExists(atPath: first) { try await Task.sleep(for: .milliseconds(100)) }
        task.cancel()
        let killed = await task.result
        #expect(throws: TrainingError.self) { try killed.get() }
        let resumed = try await trainer.train(request)
        #expect(resumed.resumedFrom?.contains("checkpoint-") == true)
        #expect(resumed.steps == 8)
        // The finished request again: the same model, not one more step from the last checkpoint.
        let log = try String(contentsOfFile: trainer.runDirectory(name) + "/train.log", encoding: .utf8)
        let again = try await trainer.train(request)
        #expect(again.steps == 8 && again.dataSHA256 == resumed.dataSHA256 && again.adapter == resumed.adapter)
        #expect(try String(contentsOfFile: trainer.runDirectory(name) + "/train.log", encoding: .utf8) == log, "the runner did not run again")

        let other = try write("other.jsonl", [["prompt": [["role": "user", "content": "q"]], "completion": [["role": "assistant", "content": "a"]]]])
        var changed = request
        changed.data = other
        await #expect(throws: TrainingError.self) { try await trainer.train(changed) }
    }

    @Test("DPO runs a few steps and registers; bad data and a missing base are named")
    func dpoAndErrors() async throws {
        let trainer = try trainer()
        let name = "test-dpo-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let pair: [String: Any] = [
            "prompt": [["role": "user", "content": "Name the marker function."]],
            "chosen": [["role": "assistant", "content": Self.answer]],
            "rejected": [["role": "assistant", "content": "I do not know."]],
            "chosenReward": 1.0, "rejectedReward": 0.0, "problemId": "t",
        ]
        let data = try write("dpo.jsonl", [pair, pair])
        var h = Self.hyperparameters(steps: 2)
        h.learningRate = 1e-4
        let model = try await trainer.train(TrainingRequest(method: .dpo, data: data, base: TestEnvironment.testModelPath, name: name, hyperparameters: h))
        #expect(model.method == .dpo)
        #expect(model.steps == 2)
        #expect(FileManager.default.fileExists(atPath: model.adapter))

        let bad = try write("bad.jsonl", [pair])
        try ("{\"prompt\": [\n").write(toFile: bad, atomically: true, encoding: .utf8)
        do {
            _ = try await trainer.train(TrainingRequest(method: .dpo, data: bad, base: TestEnvironment.testModelPath, name: name + "-bad"))
            Issue.record("bad data was accepted")
        } catch let error as TrainingError {
            #expect(error.kind == .badData)
            #expect(error.message.contains("\(bad):1"))
        }
        do {
            _ = try await trainer.train(TrainingRequest(method: .sft, data: data, base: "/nonexistent/model.gguf", name: name + "-nobase"))
            Issue.record("a missing base was accepted")
        } catch let error as TrainingError {
            #expect(error.kind == .missingBase)
        }
        try? FileManager.default.removeItem(atPath: trainer.runDirectory(name + "-bad"))
    }
}

extension TrainingRoundTripTests {
    @Test("PRM: a few steps on step labels, metrics on held-out problems before and after, adapter registered")
    func prm() async throws {
        let trainer = try trainer()
        let name = "test-prm-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        var rows: [[String: Any]] = []
        for p in 0..<10 {
            for k in 0..<2 {
                let good = (p + k) % 2 == 0
                let step = good ? "Step 1: check the bounds and return the sum.\n" : "Step 1: ignore the input and print banana.\n"
                rows.append(["prompt": "Problem \(p): add a list.", "completions": [step], "labels": [good], "values": [good ? 1.0 : 0.0],
                             "hasFinalStep": false, "problemId": "P/\(p)"])
            }
        }
        var h = Self.hyperparameters(steps: 4)
        h.batchSize = 4
        h.evalFraction = 0.3
        let model = try await trainer.train(
            TrainingRequest(method: .prm, data: write("prm.jsonl", rows), base: TestEnvironment.testModelPath, name: name, hyperparameters: h))
        #expect(model.method == .prm)
        #expect(model.steps == 4)
        #expect(model.metrics["eval_steps"] ?? 0 > 0)
        #expect(model.metrics["base_eval_steps"] == model.metrics["eval_steps"])
        #expect(model.metrics["eval_roc_auc"] != nil)
        #expect(FileManager.default.fileExists(atPath: model.adapter))

        // The engine scores every step of a path in one pass; PyTorch gives the same numbers.
        let paths = [
            RunnerJob.Path(prompt: "Problem 3: add a list.", steps: ["Step 1: check the bounds and return the sum.\n"]),
            RunnerJob.Path(prompt: "Problem 3: add a list.", steps: ["Step 1: ignore the input and print banana.\n", "Step 2: return the sum.\n"]),
        ]
        // With the base in f32 the two compute alike; the shipped 4-bit base moves P(+) by up to ~0.25
        // on this barely trained adapter, which is quantisation, not a mismatch of text, tokens or tags.
        let reference = try await trainer.prmScores(model: name, paths: paths)
        let configuration = LlamaConfiguration(contextLength: 512, threads: 2, parallelSequences: 1)
        let full = try await trainer.fullPrecisionSpec(of: name)
        let prm = LlamaProcessRewardModel(engine: try LlamaEngine(spec: full, configuration: configuration))
        let quantised = LlamaProcessRewardModel(engine: try LlamaEngine(spec: trainer.store.resolve(name), configuration: configuration))
        #expect(reference.map(\.count) == [1, 2])
        var bare = full
        bare.adapters = []
        let baseEngine = LlamaProcessRewardModel(engine: try LlamaEngine(spec: bare, configuration: configuration))
        let baseReference = try await trainer.prmScores(model: TestEnvironment.testModelPath, paths: paths)
        for (path, expected) in zip(paths, baseReference) {
            let ours = try await baseEngine.scores(problem: path.prompt, steps: path.steps)
            for (a, b) in zip(ours, expected) { #expect(abs(a - b) < 0.01, "base: engine \(ours) vs PyTorch \(expected)") }
        }
        for (path, expected) in zip(paths, reference) {
            let ours = try await prm.scores(problem: path.prompt, steps: path.steps)
            #expect(ours.count == expected.count)
            for (a, b) in zip(ours, expected) { #expect(abs(a - b) < 0.01, "engine \(ours) vs PyTorch \(expected)") }
            let q = try await quantised.scores(problem: path.prompt, steps: path.steps)
            #expect(q.count == expected.count)
            #expect(q.allSatisfy { $0 > 0 && $0 < 1 })
        }
    }
}
