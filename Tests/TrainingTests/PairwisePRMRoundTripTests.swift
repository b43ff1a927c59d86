import Foundation
import Inference
import Models
import O1CoderTestSupport
import Testing
@testable import Training

extension TrainingRoundTripTests {
    @Test("Pair-wise PRM: a few steps on sibling pairs, metrics on held-out problems recorded, and the engine scores it")
    func pairwisePRM() async throws {
        let trainer = try trainer()
        let name = "test-prm-pairs-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let good = "Step 1: check the bounds and return the sum.\n", bad = "Step 1: ignore the input and print banana.\n"
        let rows: [[String: Any]] = (0..<10).map { p in
            ["prompt": "Problem \(p): add a list.", "prefix": [String](), "chosen": good, "rejected": bad, "chosen_value": 0.9,
             "rejected_value": 0.1, "problem_id": "P/\(p)"]
        }
        let h = TrainingHyperparameters.resolved(
            for: .prm, file: nil,
            flags: ["objective": .string("pairwise"), "steps": .integer(3), "learning-rate": .number(1e-3), "max-length": .integer(128),
                    "save-steps": .integer(100), "threads": .integer(1), "eval-fraction": .number(0.3)])
        let model = try await trainer.train(
            TrainingRequest(method: .prm, data: write("pairs.jsonl", rows), base: TestEnvironment.testModelPath, name: name, hyperparameters: h))
        #expect(model.steps == 3)
        let held = try #require(model.metrics["eval_pairs"])
        #expect(held > 0 && Int(held) + model.records == rows.count)  // split by problem: one pair each
        #expect(model.metrics["base_eval_pair_accuracy"] != nil && model.metrics["eval_pair_accuracy"] != nil)
        #expect(model.metrics["eval_pair_loss"] != nil)
        let record = try #require(trainer.record(name))
        #expect(record.hyperparameters.prmObjective == .pairwise && record.hyperparameters.pairSelection == .all)
        #expect(record.metrics == model.metrics)

        // Read as any PRM: σ(s) at the tag is P(+).
        let prm = LlamaProcessRewardModel(engine: try LlamaEngine(
            spec: trainer.store.resolve(name), configuration: LlamaConfiguration(contextLength: 512, threads: 2, parallelSequences: 1)))
        let scores = try await prm.scores(problem: "Problem 3: add a list.", steps: [good])
        #expect(scores.count == 1 && scores.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test("SFT --for tcg trains on `o1coder tcg data` records and records the purpose")
    func tcgSFT() async throws {
        let trainer = try trainer()
        let name = "test-tcg-sft-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: trainer.runDirectory(name)) }
        let row: [String: Any] = [
            "prompt": [["role": "system", "content": "You write test cases for programming problems."],
                       ["role": "user", "content": "Write 1 test cases for add.\n\n### Tests"]],
            "completion": [["role": "assistant", "content": "```case\n# input:\nadd(2, 3)\n# output:\n5\n```"]],
        ]
        let model = try await trainer.train(
            TrainingRequest(method: .sft, data: write("tcg-sft.jsonl", [row, row]), base: TestEnvironment.testModelPath, name: name,
                            hyperparameters: Self.hyperparameters(steps: 2), purpose: .tcg))
        #expect(model.purpose == .tcg && model.steps == 2)
        #expect(trainer.record(name)?.purpose == .tcg)
    }
}
