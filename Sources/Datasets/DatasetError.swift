/// Why a dataset file could not be read: the one error type of the `Datasets` module.
///
/// Descriptions name the file and, for record problems, the 1-based line (or array element)
/// and say what to do. They never quote record contents beyond a short excerpt of broken JSON.
public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The file does not exist or cannot be opened.
        case unreadable
        /// `gzip -dc` failed (corrupt or truncated archive).
        case decompressionFailed
        /// A line is not valid JSON.
        case malformedJSON
        /// A record lacks a required field or a field has the wrong type or value.
        case invalidRecord
        /// A line is longer than the reader's cap.
        case lineTooLong
        /// The file holds no records.
        case empty
    }

    public var code: Code
    public var path: String
    /// 1-based line number (JSONL) or element number (JSON array), when the error is in a record.
    public var line: Int?
    public var detail: String

    public init(_ code: Code, path: String, line: Int? = nil, detail: String) {
        self.code = code
        self.path = path
        self.line = line
        self.detail = detail
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        switch code {
        case .unreadable:
            return "Cannot read dataset file '\(path)': \(detail). Check the path passed with --path."
        case .decompressionFailed:
            return "Cannot decompress '\(path)': \(detail). The .gz file is corrupt or truncated; fetch it again."
        case .malformedJSON:
            return "\(location): malformed JSON record (\(detail)). Fix or delete that line, "
                + "or load with skipMalformed (--skip-malformed) to skip it with a warning."
        case .invalidRecord:
            return "\(location): invalid record: \(detail). Is this the right file for the chosen --dataset? "
                + "Load with skipMalformed (--skip-malformed) to skip such records."
        case .lineTooLong:
            return "\(location): line longer than \(detail); not a JSONL dataset file?"
        case .empty:
            return "Dataset file '\(path)' holds no records (\(detail))."
        }
    }
}

/// A record that was skipped (under `skipMalformed`) or loaded with a caveat.
public struct DatasetWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(line.map { "\(path):\($0)" } ?? path): \(message)"
    }
}
