import Foundation
import O1CoderCore
import Training
import TrainingData

extension SelfPlayLoop {
    /// The PRM after round `round`: trained from the base policy on the point-wise process data
    /// (``ProcessDataExporter/prm(_:prompt:)``) of every round's search so far, one file in the
    /// round's folder. Without any data yet the previous round's PRM (or none) stays.
    func trainProcessReward(
        _ round: SelfPlayState.Round, in state: SelfPlayState, progress: @escaping @Sendable (Event) -> Void
    ) async throws -> SelfPlayState.PRMStage {
        let exporter = ProcessDataExporter()
        var jsonl = ""
        var records = 0
        let runs = state.rounds.prefix(round.index).compactMap(\.searchRun) + (round.searchRun.map { [$0] } ?? [])
        for run in runs {
            let export = try exporter.export(run: run, from: store, format: .prm, prompts: zeroShot)
            jsonl += export.jsonl
            records += export.count
        }
        let path = roundDirectory(round.index) + "/prm.jsonl"
        try OutputFile.write(jsonl, to: path)
        let sha256 = SHA256.hex(of: Array(jsonl.utf8))
        guard records > 0 else {
            let previous = state.rounds.prefix(round.index).last?.prm?.model
            return SelfPlayState.PRMStage(data: path, records: 0, sha256: sha256, model: previous)
        }
        let index = round.index
        let model = try await trainer.train(
            TrainingRequest(
                method: .prm, data: path, base: state.basePolicy, name: "\(configuration.namePrefix)-prm-r\(index)",
                hyperparameters: configuration.training),
            restart: false
        ) { phase in progress(.training(round: index, phase)) }
        return SelfPlayState.PRMStage(data: path, records: records, sha256: sha256, model: model.name)
    }
}
