import O1CoderCore
extension PythonLiteral {
    /// A key equal for two values exactly when Python's `==` (after the harness turns tuples into
    /// lists) would call them equal: `240 == 240.0`, `True == 1`, `(1, 2) == [1, 2]`, dicts and
    /// sets regardless of order. Used to make sure a DPO negative really differs from the chosen
    /// output, and when comparing computed outputs with ground truth.
    public var semanticKey: String {
        switch self {
        case .integer(let text): return "n:" + text
        case .float(let text):
            guard let d = Double(text) else { return "f:" + text }
            if d == d.rounded(), abs(d) < 9.0e15 { return "n:" + String(Int64(d)) }
            return "f:" + String(d)
        case .bool(let b): return b ? "n:1" : "n:0"
        case .none: return "None"
        case .string(let s): return "s:" + Quoting.json(s)
        case .list(let items), .tuple(let items): return "[" + items.map(\.semanticKey).joined(separator: ",") + "]"
        case .set(let items): return "{" + items.map(\.semanticKey).sorted().joined(separator: ",") + "}"
        case .dict(let pairs):
            return "{" + pairs.map { $0.key.semanticKey + ":" + $0.value.semanticKey }.sorted().joined(separator: ",") + "}"
        }
    }
}

extension ProposedTest.Output {
    /// Equal for outputs the sandbox's comparator would accept as the same: ``PythonLiteral/semanticKey``
    /// for values, normalized text for standard output.
    public var semanticKey: String {
        switch self {
        case .value(let value): "value:" + value.semanticKey
        case .standardOutput(let text): "stdout:" + StandardText.normalized(text)
        }
    }
}

extension PythonLiteral: Codable {
    /// Encoded as its canonical Python text (a JSON string), e.g. `"(1, 'a')"`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = PythonLiteralParser.parse(text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not a Python literal: \(text.prefix(80))"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(pythonText)
    }
}
