import Foundation
import O1CoderCore
import Models
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

    /// Writes JSONL rows to `path`: as parquet when it ends in `.parquet` (through a temporary
    /// JSONL beside it), else as the JSONL itself.
    public static func writeRows(_ jsonl: String, to path: String) async throws {
        guard path.hasSuffix(".parquet") else { return try OutputFile.write(jsonl, to: path) }
        let temporary = path + ".jsonl.tmp"
        try OutputFile.write(jsonl, to: temporary)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        _ = try await beside(ModelStore.standard()).writeParquet(fromJSONL: temporary, to: path)
    }
}
