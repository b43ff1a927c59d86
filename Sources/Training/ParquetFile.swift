import Foundation
import O1CoderCore
import ChildProcesses

extension TrainingEnvironment {
    /// Writes the JSONL rows at `jsonl` as one parquet file at `parquet` (verl's dataset
    /// format), with pyarrow from the pinned training environment (`training/to_parquet.py`).
    /// - Returns: the number of rows written.
    public func writeParquet(fromJSONL jsonl: String, to parquet: String) async throws -> Int {
        let script = (runner as NSString).deletingLastPathComponent + "/to_parquet.py"
        do {
            let out = try await TrustedProcess.run(python, [script, jsonl, parquet])
            return Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        } catch {
            throw TrainingError(.environment, "Writing \(parquet) failed: \(error)")
        }
    }
}
