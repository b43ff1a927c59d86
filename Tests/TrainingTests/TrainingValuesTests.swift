import O1CoderCore
import Foundation
import Inference
import Models
import Testing
@testable import Training

@Suite struct TrainingValuesTests {
    @Test("Runner events decode, numbers kept and step/total taken out of progress")
    func decodeEvents() {
        #expect(RunnerEvent.decode(#"{"event": "progress", "step": 3, "total": 12, "loss": 0.5, "learning_rate": 0.001}"#)
            == .progress(step: 3, total: 12, values: ["loss": 0.5, "learning_rate": 0.001]))
        #expect(RunnerEvent.decode(#"{"event": "start", "records": 4, "max_steps": 12, "resume_from": null}"#)
            == .start(records: 4, maxSteps: 12, resumeFrom: nil))
        #expect(RunnerEvent.decode(#"{"event": "generation", "tokens": [1, 2], "text": "hi"}"#) == .generation(tokens: [1, 2], text: "hi"))
        #expect(RunnerEvent.decode(#"{"event": "error", "kind": "bad_data", "message": "f:3: not JSON"}"#)
            == .error(kind: "bad_data", message: "f:3: not JSON"))
        #expect(RunnerEvent.decode(#"{"event": "later"}"#) == .other("later"))
        #expect(RunnerEvent.decode("{'loss': '0.1'}") == nil)
        #expect(RunnerEvent.decode("") == nil)
    }

    @Test("A job is one flat object with the runner's names")
    func jobEncoding() throws {
        var h = TrainingHyperparameters()
        h.maxSteps = 5
        h.loraRank = 4
        let job = RunnerJob(task: .sft, paths: ["data": "d.jsonl", "base_dir": "b"], hyperparameters: h)
        let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(job)) as? [String: Any])
        #expect(object["task"] as? String == "sft")
        #expect(object["data"] as? String == "d.jsonl")
        #expect(object["max_steps"] as? Int == 5)
        #expect(object["lora_r"] as? Int == 4)
        #expect(object["learning_rate"] as? Double == 1e-4)
        let generate = RunnerJob(task: .generate, paths: ["base_dir": "b"], threads: 1, prompts: ["p"], maxNewTokens: 8)
        let g = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(generate)) as? [String: Any])
        #expect(g["task"] as? String == "generate")
        #expect(g["max_new_tokens"] as? Int == 8)
        #expect(g["threads"] as? Int == 1)
        #expect(g["max_steps"] == nil)
    }

    @Test("Names and hyper-parameters are checked with the flag to fix")
    func validation() {
        #expect(TrainingRequest.problem(withName: "sft-round-1") == nil)
        #expect(TrainingRequest.problem(withName: "../x")?.contains("--out") == true)
        #expect(TrainingRequest.problem(withName: "") != nil)
        #expect(TrainingHyperparameters().problem == nil)
        var h = TrainingHyperparameters()
        h.learningRate = 0
        #expect(h.problem?.contains("--learning-rate") == true)
        h = TrainingHyperparameters()
        h.maxSteps = 0
        #expect(h.problem?.contains("--steps") == true)
    }

    @Test("A missing environment says to run make setup-train")
    func missingEnvironment() throws {
        let cache = NSTemporaryDirectory() + "o1coder-noenv-\(getpid())"
        #expect(throws: TrainingError.self) { try TrainingEnvironment.discover(cache: cache, repository: nil) }
        do {
            _ = try TrainingEnvironment.discover(cache: cache, repository: nil)
        } catch {
            #expect(error.kind == .environment)
            #expect(error.message.contains("make setup-train"))
        }
    }
}

@Suite struct TrainedModelStoreTests {
    @Test("A registered trained model resolves by name, its adapter path made absolute; other names do not")
    func resolveTrained() throws {
        let dir = NSTemporaryDirectory() + "o1coder-store-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ModelStore(directory: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let base = dir + "/base.gguf"
        try Data("GGUF".utf8).write(to: URL(fileURLWithPath: base))
        let spec = ModelSpec(
            name: "policy-r1", basePath: base, adapters: [LoRAAdapter(path: "adapter.gguf")],
            lineage: ModelLineage(parent: "smollm2-135m-instruct", origin: .trained(method: "sft", dataset: "abc")))
        try store.registerTrained(spec)
        let resolved = try store.resolve("policy-r1", adapters: [LoRAAdapter(path: "/x.gguf", scale: 0.5)])
        #expect(resolved.basePath == base)
        #expect(resolved.adapters == [LoRAAdapter(path: store.trainedDirectory("policy-r1") + "/adapter.gguf"), LoRAAdapter(path: "/x.gguf", scale: 0.5)])
        #expect(resolved.lineage.parent == "smollm2-135m-instruct")
        #expect(store.trainedNames() == ["policy-r1"])
        #expect(try store.trainedSpec("policy-r2") == nil)
        #expect(try store.trainedSpec("../policy-r1") == nil)
    }
}
