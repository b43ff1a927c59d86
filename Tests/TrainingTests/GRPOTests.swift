import Execution
import Foundation
import Inference
import Logging
import O1CoderTestSupport
import Service
import Testing
@testable import Training

extension TrainingRoundTripTests {
    @Test(
        "GRPO and RLOO: a few steps with every completion scored by a real o1coder serve; the adapter registers and loads",
        arguments: [TrainingMethod.grpo, .rloo])
    func online(_ method: TrainingMethod) async throws {
        let trainer = try trainer()
        let name = "test-\(method.rawValue)-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let row: [String: Any] = [
            "prompt": [["role": "user", "content": "Write a Python program that prints yes."]],
            "ground_truth": #"{"inputs": [""], "outputs": ["yes\n"]}"#,
        ]
        let data = try write("grpo.jsonl", [row, row])
        var h = Self.hyperparameters(steps: 2)
        h.generations = 2
        h.maxCompletionLength = 24
        var logger = Logger(label: "test.grpo")
        logger.logLevel = .critical
        let model = try await ProcessSandbox.with(configuration: SandboxConfiguration(workers: 1)) { sandbox in
            let service = SandboxService(sandbox: sandbox, limits: ServiceLimits(maxConcurrency: 1))
            return try await SandboxServer(service: service, port: 0, logger: logger).whileServing { port in
                let trained = try await trainer.train(
                    TrainingRequest(method: method, data: data, base: TestEnvironment.testModelPath, name: name, hyperparameters: h, rewardURL: "http://127.0.0.1:\(port)"))
                // 2 steps × 1 prompt × 2 completions: every one went through the sandbox.
                #expect(await service.snapshot().requests["evaluate"] == 4)
                return trained
            }
        }
        #expect(model.method == method && model.steps == 2)
        #expect(model.metrics["mean_reward"] != nil)
        #expect(FileManager.default.fileExists(atPath: model.adapter))
        _ = try await engineGreedy(trainer, name)

        await #expect(throws: TrainingError.self) {
            try await trainer.train(TrainingRequest(method: method, data: data, base: TestEnvironment.testModelPath, name: name + "-nourl", hyperparameters: h))
        }
        var odd = h
        odd.batchSize = 3
        #expect(odd.problem?.contains("multiple of --generations") == true)
    }
}
