/// The positional arity of a Python function, read from its `def` line in a reference solution
/// or a prompt. Used to reject proposed calls with the wrong number of arguments.
public struct FunctionSignature: Sendable, Hashable, Codable {
    public var name: String
    /// Positional parameter names, `self`/`cls` of a method excluded.
    public var parameters: [String]
    /// Parameters without a default value.
    public var requiredCount: Int
    /// Whether `*args` accepts any number of further positional arguments.
    public var isVariadic: Bool

    public init(name: String, parameters: [String], requiredCount: Int, isVariadic: Bool) {
        self.name = name
        self.parameters = parameters
        self.requiredCount = requiredCount
        self.isVariadic = isVariadic
    }

    /// Whether a call with `count` positional arguments fits.
    public func accepts(argumentCount count: Int) -> Bool {
        count >= requiredCount && (isVariadic || count <= parameters.count)
    }

    /// Human-readable arity, e.g. `2`, `1...3`, `2+`.
    public var arityDescription: String {
        if isVariadic { return "\(requiredCount)+" }
        if requiredCount == parameters.count { return "\(requiredCount)" }
        return "\(requiredCount)...\(parameters.count)"
    }

    /// Finds `def name(...)` in `source` (the last definition wins, as in Python) and reads its
    /// parameter list. Returns nil when there is no such definition or it cannot be read.
    public static func find(named name: String, in source: String) -> FunctionSignature? {
        let scalars = Array(source.unicodeScalars)
        let pattern = Array("def \(name)".unicodeScalars)
        var found: FunctionSignature?
        var i = 0
        while i + pattern.count <= scalars.count {
            if scalars[i..<(i + pattern.count)].elementsEqual(pattern),
                i == 0 || !isIdentifier(scalars[i - 1])
            {
                var j = i + pattern.count
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if j < scalars.count, scalars[j] == "(",
                    let inner = balancedContents(scalars, openingAt: j)
                {
                    found = parse(name: name, parameterList: inner)
                }
            }
            i += 1
        }
        return found
    }

    static func parse(name: String, parameterList: String) -> FunctionSignature {
        var parameters: [String] = []
        var required = 0
        var variadic = false
        var keywordOnly = false
        for raw in splitTopLevel(parameterList) {
            let item = raw.trimmingWhitespace()
            if item.isEmpty || item == "/" { continue }
            if item.hasPrefix("**") { continue }
            if item.hasPrefix("*") {
                if item != "*" { variadic = true }
                keywordOnly = true
                continue
            }
            if keywordOnly { continue }
            let nameEnd = item.firstIndex { $0 == ":" || $0 == "=" } ?? item.endIndex
            let parameterName = item[..<nameEnd].trimmingWhitespace()
            if parameters.isEmpty, parameterName == "self" || parameterName == "cls" { continue }
            parameters.append(parameterName)
            if !hasDefault(item) { required = parameters.count }
        }
        return FunctionSignature(name: name, parameters: parameters, requiredCount: required, isVariadic: variadic)
    }

    private static func hasDefault(_ item: String) -> Bool {
        // `x: Dict[str, int] = {}` has a default; `x: int` does not; `==` never appears here.
        var depth = 0
        for c in item {
            switch c {
            case "[", "(", "{": depth += 1
            case "]", ")", "}": depth -= 1
            case "=" where depth == 0: return true
            default: break
            }
        }
        return false
    }

    private static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c)
    }
}

/// The text between the bracket at `openingAt` and its match, skipping brackets inside quotes.
func balancedContents(_ scalars: [Unicode.Scalar], openingAt start: Int) -> String? {
    var depth = 0
    var quote: Unicode.Scalar?
    var i = start
    while i < scalars.count {
        let c = scalars[i]
        if let q = quote {
            if c == "\\" { i += 2; continue }
            if c == q { quote = nil }
        } else {
            switch c {
            case "'", "\"": quote = c
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth == 0 {
                    return String(String.UnicodeScalarView(scalars[(start + 1)..<i]))
                }
            default: break
            }
        }
        i += 1
    }
    return nil
}

/// Splits at commas that are not inside brackets or quotes.
func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = []
    var current = String.UnicodeScalarView()
    var depth = 0
    var quote: Unicode.Scalar?
    var escaped = false
    for c in text.unicodeScalars {
        if let q = quote {
            current.append(c)
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
            continue
        }
        switch c {
        case "'", "\"": quote = c
        case "(", "[", "{": depth += 1
        case ")", "]", "}": depth -= 1
        case "," where depth == 0:
            parts.append(String(current))
            current = String.UnicodeScalarView()
            continue
        default: break
        }
        current.append(c)
    }
    parts.append(String(current))
    return parts
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
