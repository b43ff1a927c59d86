public import ArgumentParser
public import Datasets
import Foundation
public import O1CoderCore
public import RunStorage
import Training

/// `--store`: where runs live, and where every experiment is listed (`o1coder runs list`).
public struct StoreOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(help: ArgumentHelp("SQLite run store (created if missing); every experiment is listed there.", valueName: "path"))
    public var store: String = "o1coder-runs/runs.sqlite"

    public func open() throws -> RunStore { try RunStore(path: store) }

    /// The run with `id`, or a clear error.
    public func run(_ id: RunID, in store: RunStore) throws -> RunRecord {
        guard let run = try store.run(id) else { throw RunStoreError.unknownRun(id) }
        return run
    }

    /// Search run `id` (whose trees are in the store), or a usage error saying where another
    /// experiment's results are.
    public func searchRun(_ id: RunID, in store: RunStore) throws -> RunRecord {
        let record = try run(id, in: store)
        guard record.kind.isStoredSearch else {
            throw ValidationError("Run \(id) is a \(record.kind.rawValue) experiment, not a search; its results are in \(record.output ?? "its own files").")
        }
        return record
    }

    /// Runs `body` as an experiment listed in the store (a rerun with the same kind and output is
    /// the same entry): running while it works, then finished, interrupted or failed. Ctrl-C marks
    /// it interrupted and exits with 130 (finished work is already kept, and rerunning the command
    /// continues it), unless `body` handles Ctrl-C itself (`exitsOnInterrupt: false`: a trainer
    /// that saves a checkpoint first).
    public func listing<Result>(
        _ kind: RunKind, output: String, configuration: some Encodable, seed: UInt64, model: String,
        modelSHA256: String? = nil, dataset: LoadResult?, exitsOnInterrupt: Bool = true, _ body: () async throws -> Result
    ) async throws -> Result {
        let record = try RunRecord.starting(
            kind, configuration: configuration, seed: seed, toolVersion: O1CoderVersion.string, modelName: model, modelSHA256: modelSHA256,
            datasetName: dataset?.dataset.rawValue ?? "-", datasetPath: dataset?.path ?? "-", datasetSHA256: dataset?.sha256,
            output: URL(fileURLWithPath: output).standardizedFileURL.path)
        let store = try open()
        return try await store.listing(record, isInterruption: { ($0 as? TrainingError)?.kind == .interrupted }) { id in
            // The handler opens the store itself: capturing `store` would keep its connections
            // open until dispatch releases the cancelled handler, after this returns, and a
            // store opened next (a rerun in the same process) would find the file locked.
            let path = self.store
            let interrupt = exitsOnInterrupt
                ? InterruptHandler(message: "interrupted; finished work is kept. Rerun the same command to continue.") {
                    try? RunStore(path: path).setStatus(.interrupted, run: id)
                }
                : nil
            defer { interrupt?.cancel() }
            return try await body()
        }
    }
}

extension RunID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = Int64(argument) else { return nil }
        self.init(value)
    }
}
