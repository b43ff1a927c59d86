import Foundation

/// Writes JSON objects as a JSONL file for tests that feed data files to a trainer or loader.
public enum JSONLFixture {
    /// `rows`, one JSON object per line, in `directory/name` (the directory is created).
    /// - Returns: the file's path.
    public static func write(_ rows: [[String: Any]], named name: String, in directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        let lines = try rows.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
