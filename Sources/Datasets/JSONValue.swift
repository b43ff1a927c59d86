import O1CoderCore
/// A parsed JSON value that keeps number literals as written.
///
/// Dataset files carry Python-generated JSON: integers wider than 64 bits, floats whose exact
/// spelling matters, and Python's `NaN`/`Infinity` extensions. Keeping numbers as text means a
/// value re-serialised with ``jsonText`` is the same literal Python's `json.loads` will see, so
/// argument lists travel to the sandbox unchanged. Object members keep their file order
/// (Python dicts are ordered, and some tasks iterate over dict arguments).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The literal as written, e.g. `3`, `-1.5e10`, `123456789012345678901234567890`, `NaN`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `key: value` pair of an object, in file order.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value of the first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The number as an `Int` when it is an integer literal that fits.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }

    /// The number as a `Double` (also for integer literals).
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// Compact JSON text (Python's `json.loads` reads it back to the same value).
    public var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): out += Quoting.json(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += ", " }
                out += Quoting.json(member.key)
                out += ": "
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Parses one JSON document.
    /// - Throws: ``JSONParseError`` with the byte offset of the problem.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes))
        return try parser.parseDocument()
    }
}
