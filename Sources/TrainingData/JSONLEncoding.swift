public import Foundation

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
        try Data(text.utf8).write(to: temp)
        _ = try FileManager.default.replaceItemAt(url, withItemAt: temp)
    }
}
