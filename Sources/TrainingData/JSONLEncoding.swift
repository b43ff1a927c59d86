import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Canonical JSONL: one object per line, keys sorted, slashes unescaped, trailing newline.
public enum JSONLEncoding {
    public static func encode<T: Encodable>(_ records: [T]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }

    /// Writes `text` to `path` through a temporary file and a rename, so a reader never sees a
    /// half-written export.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).part")
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temp)
        } catch {
            throw ExportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        // rename(2) replaces the target atomically whether or not it exists.
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw ExportError.cannotWrite(path: path, reason: reason)
        }
    }
}

/// Failures while writing exports.
public enum ExportError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            "Cannot write '\(path)': \(reason). Check that the directory exists and is writable."
        }
    }
}
