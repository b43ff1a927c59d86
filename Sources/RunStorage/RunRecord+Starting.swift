import Foundation
public import O1CoderCore

extension RunRecord {
    /// A new run's record, running from now: the configuration as canonical JSON (sorted keys),
    /// the seed as its bit pattern (SQLite has no UInt64).
    public static func starting(
        _ kind: RunKind, configuration: some Encodable, seed: UInt64, toolVersion: String, modelName: String,
        modelSHA256: String? = nil, datasetName: String, datasetPath: String, datasetSHA256: String? = nil, output: String? = nil
    ) throws -> RunRecord {
        RunRecord(
            kind: kind, status: .running, createdAt: Date(), configuration: try JSONCoding.string(configuration),
            seed: Int64(bitPattern: seed), toolVersion: toolVersion, modelName: modelName, modelSHA256: modelSHA256,
            datasetName: datasetName, datasetPath: datasetPath, datasetSHA256: datasetSHA256, output: output,
            owner: RunOwner.current.description)
    }
}

extension RunStore {
    /// Runs `body` (given the entry's id) as the experiment `record` lists (``register(_:)``: a
    /// rerun with the same kind and output is the same entry): running while it works, then
    /// finished, interrupted (a cancellation, or an error `isInterruption` says is one) or failed.
    public func listing<Result>(
        _ record: RunRecord, isInterruption: (any Error) -> Bool = { _ in false }, _ body: (RunID) async throws -> Result
    ) async throws -> Result {
        let id = try register(record).id ?? 0
        do {
            let result = try await body(id)
            try setStatus(.finished, run: id)
            return result
        } catch {
            try? setStatus(error is CancellationError || isInterruption(error) ? .interrupted : .failed, run: id)
            throw error
        }
    }
}
