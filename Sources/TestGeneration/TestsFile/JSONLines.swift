import Foundation

/// The JSONL encoding of this module's files: keys sorted and slashes unescaped, like the
/// export files (`TrainingData.JSONLEncoding`), so the same record always gives the same line.
enum JSONLines {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One line per record, each ending in a newline.
    static func encode(_ records: [some Encodable]) throws -> String {
        let encoder = encoder()
        return try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }
}
