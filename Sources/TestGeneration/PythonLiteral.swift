import O1CoderCore
/// A Python literal value: what a test's arguments and expected results are made of.
///
/// Parsed from model output (Python or JSON syntax) by ``PythonLiteralParser``, rendered back as
/// canonical Python (`repr`-like) for prompts and `.pythonLiteral` expectations, and as JSON for
/// `TestCase.call(arguments:)`. Numbers keep their source text so big integers and floats round
/// trip without loss.
public indirect enum PythonLiteral: Sendable, Hashable {
    /// An integer, as canonical decimal text (`-12`, `100000000000000000000`).
    case integer(String)
    /// A float, as written (`1.5`, `-2e-3`, `inf` is not a literal and is rejected).
    case float(String)
    case string(String)
    case bool(Bool)
    case none
    case list([PythonLiteral])
    case tuple([PythonLiteral])
    case set([PythonLiteral])
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    public static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        lhs.pythonText == rhs.pythonText
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pythonText)
    }

    /// Canonical Python source, close to CPython's `repr` (single-quoted strings, `True`, `None`,
    /// `(x,)` for one-tuples).
    public var pythonText: String {
        switch self {
        case .integer(let text), .float(let text): return text
        case .string(let s): return Quoting.python(s)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .list(let items): return "[" + items.map(\.pythonText).joined(separator: ", ") + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + items[0].pythonText + ",)" }
            return "(" + items.map(\.pythonText).joined(separator: ", ") + ")"
        case .set(let items):
            if items.isEmpty { return "set()" }
            return "{" + items.map(\.pythonText).joined(separator: ", ") + "}"
        case .dict(let pairs):
            return "{" + pairs.map { $0.key.pythonText + ": " + $0.value.pythonText }.joined(separator: ", ") + "}"
        }
    }

    /// JSON text, or nil when the value has no faithful JSON form (sets, non-string dict keys).
    /// Tuples become arrays, as the harness compares tuples and lists alike.
    public var jsonText: String? {
        switch self {
        case .integer(let text), .float(let text): return text
        case .string(let s): return Quoting.json(s)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "null"
        case .list(let items), .tuple(let items):
            var parts: [String] = []
            for item in items {
                guard let text = item.jsonText else { return nil }
                parts.append(text)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .set: return nil
        case .dict(let pairs):
            var parts: [String] = []
            for pair in pairs {
                guard case .string(let key) = pair.key, let value = pair.value.jsonText else { return nil }
                parts.append(Quoting.json(key) + ": " + value)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// The elements of a list or tuple.
    public var sequenceElements: [PythonLiteral]? {
        switch self {
        case .list(let items), .tuple(let items): return items
        default: return nil
        }
    }
}
