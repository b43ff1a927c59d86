import Foundation
import Testing
@testable import Training

@Suite struct PairwisePRMTests {
    static func job(_ request: TrainingRequest) throws -> [String: Any] {
        let job = try ModelTrainer.runnerJob(for: request, baseDirectory: "/hf", runDirectory: "/run", continuing: nil)
        return try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(job)) as? [String: Any])
    }

    @Test("A pair-wise PRM job: the prm task with the objective, the pair settings and the held-out fraction")
    func pairwiseJob() throws {
        let file = try TrainingConfigFile.parse(
            "objective: pairwise\npair-selection: top-bottom-2\neval-fraction: 0.25\nsteps: 30\n", path: "prm.yaml",
            keys: TrainingHyperparameters.settingKeys(for: .prm))
        let h = TrainingHyperparameters.resolved(for: .prm, file: file, flags: ["pair-margin": .number(0.3), "steps": .integer(6)])
        #expect(h.problem == nil)
        let request = TrainingRequest(method: .prm, data: "pairs.jsonl", base: "b", name: "prm-pairs", hyperparameters: h, configFile: "prm.yaml")
        let object = try Self.job(request)
        #expect(object["task"] as? String == "prm")
        #expect(object["prm_objective"] as? String == "pairwise")
        #expect(object["pair_selection"] as? String == "top-bottom-2")
        #expect(object["pair_margin"] as? Double == 0.3)
        #expect(object["eval_fraction"] as? Double == 0.25)
        #expect(object["max_steps"] as? Int == 6)
        #expect(object["data"] as? String == "pairs.jsonl")
        #expect(object["base_dir"] as? String == "/hf" && object["output_dir"] as? String == "/run")
        #expect(object["init_adapter"] == nil)
        #expect(request.dataShape.contains("o1coder export --format prm-pairs"))
    }

    @Test("A point-wise PRM job names its objective and carries no pair settings; other jobs no PRM settings")
    func otherJobs() throws {
        let pointwise = try Self.job(TrainingRequest(
            method: .prm, data: "prm.jsonl", base: "b", name: "p", hyperparameters: .resolved(for: .prm, file: nil, flags: [:])))
        #expect(pointwise["prm_objective"] as? String == "pointwise")
        #expect(pointwise["pair_selection"] == nil && pointwise["pair_margin"] == nil)
        #expect(pointwise["prm_labels"] as? String == "hard")
        let sft = try Self.job(TrainingRequest(method: .sft, data: "s.jsonl", base: "b", name: "s"))
        #expect(sft["prm_objective"] == nil)
        #expect(TrainingRequest(method: .prm, data: "p", base: "b", name: "p").dataShape.contains("--format prm)"))
    }

    @Test("A record from before the pair-wise objective decodes, as point-wise")
    func oldRecordsDecode() throws {
        var object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(TrainingHyperparameters())) as? [String: Any])
        object["prm_objective"] = nil
        let old = try JSONDecoder().decode(TrainingHyperparameters.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.prmObjective == nil && old.pairSelection == nil)
        #expect(old.problem == nil)
    }
}
