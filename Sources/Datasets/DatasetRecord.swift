/// One parsed record with its location, offering typed field access whose failures are
/// ``DatasetError``s that name the file, the line and the field.
public struct DatasetRecord: Sendable {
    public var value: JSONValue
    public var path: String
    /// 1-based line (JSONL) or element (JSON array) number.
    public var line: Int

    public init(value: JSONValue, path: String, line: Int) {
        self.value = value
        self.path = path
        self.line = line
    }

    /// An error about this record.
    public func invalid(_ detail: String) -> DatasetError {
        DatasetError(.invalidRecord, path: path, line: line, detail: detail)
    }

    /// The raw field, or an error when it is missing.
    public func field(_ key: String) throws(DatasetError) -> JSONValue {
        guard case .object = value else { throw invalid("expected a JSON object") }
        guard let field = value[key] else { throw invalid("missing field '\(key)'") }
        return field
    }

    public func string(_ key: String) throws(DatasetError) -> String {
        guard let s = try field(key).stringValue else { throw invalid("field '\(key)' is not a string") }
        return s
    }

    /// A string field that may be absent or null.
    public func optionalString(_ key: String) throws(DatasetError) -> String? {
        guard let field = value[key], !field.isNull else { return nil }
        guard let s = field.stringValue else { throw invalid("field '\(key)' is not a string") }
        return s
    }

    public func array(_ key: String) throws(DatasetError) -> [JSONValue] {
        guard let a = try field(key).arrayValue else { throw invalid("field '\(key)' is not a list") }
        return a
    }

    /// A list of strings.
    public func strings(_ key: String) throws(DatasetError) -> [String] {
        var out: [String] = []
        for item in try array(key) {
            guard let s = item.stringValue else { throw invalid("field '\(key)' holds a non-string") }
            out.append(s)
        }
        return out
    }

    public func int(_ key: String) throws(DatasetError) -> Int {
        let field = try field(key)
        if let i = field.intValue { return i }
        if let s = field.stringValue, let i = Int(s) { return i }
        throw invalid("field '\(key)' is not an integer")
    }

    public func double(_ key: String) throws(DatasetError) -> Double {
        guard let d = try field(key).doubleValue else { throw invalid("field '\(key)' is not a number") }
        return d
    }

    /// A field that some copies store as a JSON-encoded string (TACO's `input_output`,
    /// `solutions`): decoded when it is a string, returned as is otherwise.
    public func decodedField(_ key: String) throws(DatasetError) -> JSONValue {
        let field = try field(key)
        guard case .string(let text) = field else { return field }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw invalid("field '\(key)' is a string but not JSON (\(error.reason))")
        }
    }
}

extension String {
    /// CRLF and lone CR → LF (MBPP stores its code with Windows line endings).
    var normalizingNewlines: String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n", previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
