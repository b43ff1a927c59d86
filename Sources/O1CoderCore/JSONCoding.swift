public import Foundation

/// The project's one JSON encoding: sorted keys (stable files, diffs and hashes), slashes left
/// unescaped (paths and URLs read as written), ISO-8601 dates. Wire formats of other programs
/// that need another key style (OpenAI's snake_case) say so where they encode.
public enum JSONCoding {
    /// One record per line (JSONL, store columns, requests), or an indented document for people.
    public enum Layout: Sendable {
        case line
        case document
    }

    public static func encoder(_ layout: Layout = .line) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = layout == .line ? [.sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder that reads what ``encoder(_:)`` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public static func data<Value: Encodable>(_ value: Value, _ layout: Layout = .line) throws -> Data {
        try encoder(layout).encode(value)
    }

    public static func string<Value: Encodable>(_ value: Value, _ layout: Layout = .line) throws -> String {
        String(decoding: try data(value, layout), as: UTF8.self)
    }
}

extension JSONCoding {
    /// JSONL: one line per record, each ending in a newline.
    public static func lines(_ records: [some Encodable]) throws -> String {
        let encoder = encoder()
        return try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }
}
