/// Parses Python literal syntax (and JSON, which is nearly a subset: `true`, `false` and `null`
/// are accepted too) into ``PythonLiteral``. Never traps: malformed text yields `nil`.
///
/// Supported: integers (decimal, `0x`/`0o`/`0b`, underscores, unary `+`/`-`), floats, strings
/// (single, double and triple quotes, `r` prefix, the usual escapes), `True`/`False`/`None`,
/// lists, tuples (with the one-element trailing comma), sets, `set()` and dicts. Anything else
/// (names, calls, operators, bytes) is not a literal.
public struct PythonLiteralParser: Sendable {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 64

    private init(_ text: some StringProtocol) {
        scalars = Array(text.unicodeScalars)
    }

    /// The literal that makes up all of `text` (surrounding whitespace allowed).
    public static func parse(_ text: some StringProtocol) -> PythonLiteral? {
        var parser = PythonLiteralParser(text)
        guard let value = parser.parseValue() else { return nil }
        parser.skipWhitespace()
        return parser.isAtEnd ? value : nil
    }

    /// The longest literal at the start of `text`, and the text after it. Used to cut trailing
    /// prose (`3  # because 1 + 2`) off a value.
    public static func parsePrefix(_ text: some StringProtocol) -> (value: PythonLiteral, rest: String)? {
        var parser = PythonLiteralParser(text)
        guard let value = parser.parseValue() else { return nil }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: parser.scalars[parser.index...])
        return (value, String(rest))
    }

    /// A comma-separated sequence of literals, e.g. the inside of a call's parentheses
    /// (`1, [2, 3], 'x'`). An empty text is an empty list. Keyword arguments are rejected.
    public static func parseSequence(_ text: some StringProtocol) -> [PythonLiteral]? {
        var parser = PythonLiteralParser(text)
        parser.skipWhitespace()
        if parser.isAtEnd { return [] }
        var items: [PythonLiteral] = []
        while true {
            guard let value = parser.parseValue() else { return nil }
            items.append(value)
            parser.skipWhitespace()
            if parser.isAtEnd { return items }
            guard parser.consume(",") else { return nil }
            parser.skipWhitespace()
            if parser.isAtEnd { return items }
        }
    }

    // MARK: - Grammar

    private var isAtEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard current == scalar else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
    }

    private mutating func parseValue() -> PythonLiteral? {
        skipWhitespace()
        guard let c = current else { return nil }
        switch c {
        case "[": return parseCollection(open: "[", close: "]").map(PythonLiteral.list)
        case "(": return parseParenthesized()
        case "{": return parseBraced()
        case "'", "\"": return parseString(raw: false)
        case "-", "+", ".", "0"..."9": return parseNumber()
        default: return parseWord()
        }
    }

    private mutating func parseWord() -> PythonLiteral? {
        let start = index
        while let c = current, c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) { index += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<index]))
        switch word {
        case "True", "true": return .bool(true)
        case "False", "false": return .bool(false)
        case "None", "null": return PythonLiteral.none
        case "r", "R":
            if current == "'" || current == "\"" { return parseString(raw: true) }
            return nil
        case "set":
            let save = index
            skipWhitespace()
            if consume("(") {
                skipWhitespace()
                if consume(")") { return .set([]) }
            }
            index = save
            return nil
        default: return nil
        }
    }

    private mutating func enter() -> Bool {
        depth += 1
        return depth <= Self.maximumDepth
    }

    private mutating func parseCollection(open: Unicode.Scalar, close: Unicode.Scalar) -> [PythonLiteral]? {
        guard consume(open), enter() else { return nil }
        defer { depth -= 1 }
        var items: [PythonLiteral] = []
        while true {
            skipWhitespace()
            if consume(close) { return items }
            guard let value = parseValue() else { return nil }
            items.append(value)
            skipWhitespace()
            if consume(close) { return items }
            guard consume(",") else { return nil }
        }
    }

    private mutating func parseParenthesized() -> PythonLiteral? {
        guard consume("("), enter() else { return nil }
        defer { depth -= 1 }
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            if consume(")") { break }
            guard let value = parseValue() else { return nil }
            items.append(value)
            skipWhitespace()
            if consume(")") { break }
            guard consume(",") else { return nil }
            sawComma = true
        }
        // `(x)` is just x; `(x,)` and `(x, y)` are tuples; `()` is the empty tuple.
        if items.count == 1 && !sawComma { return items[0] }
        return .tuple(items)
    }

    private mutating func parseBraced() -> PythonLiteral? {
        guard consume("{"), enter() else { return nil }
        defer { depth -= 1 }
        var setItems: [PythonLiteral] = []
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        var isDict: Bool?
        while true {
            skipWhitespace()
            if consume("}") { break }
            guard let key = parseValue() else { return nil }
            skipWhitespace()
            if consume(":") {
                guard isDict != false, let value = parseValue() else { return nil }
                isDict = true
                pairs.append((key, value))
            } else {
                guard isDict != true else { return nil }
                isDict = false
                setItems.append(key)
            }
            skipWhitespace()
            if consume("}") { break }
            guard consume(",") else { return nil }
        }
        return isDict == false ? .set(setItems) : .dict(pairs)
    }

    private mutating func parseString(raw: Bool) -> PythonLiteral? {
        guard let quote = current else { return nil }
        let isTriple = peek(1) == quote && peek(2) == quote
        index += isTriple ? 3 : 1
        var out = String.UnicodeScalarView()
        while let c = current {
            if c == quote {
                if !isTriple {
                    index += 1
                    return .string(String(out))
                }
                if peek(1) == quote && peek(2) == quote {
                    index += 3
                    return .string(String(out))
                }
            }
            if (c == "\n" || c == "\r") && !isTriple { return nil }
            if c == "\\" && !raw {
                guard let escaped = parseEscape() else { return nil }
                out.append(contentsOf: escaped)
                continue
            }
            if c == "\\" && raw, let next = peek(1) {
                out.append(c)
                out.append(next)
                index += 2
                continue
            }
            out.append(c)
            index += 1
        }
        return nil
    }

    private mutating func parseEscape() -> [Unicode.Scalar]? {
        index += 1  // the backslash
        guard let c = current else { return nil }
        index += 1
        switch c {
        case "n": return ["\n"]
        case "t": return ["\t"]
        case "r": return ["\r"]
        case "0": return ["\0"]
        case "\\", "'", "\"": return [c]
        case "\n": return []
        case "x": return parseHexEscape(digits: 2)
        case "u": return parseHexEscape(digits: 4)
        case "U": return parseHexEscape(digits: 8)
        default: return ["\\", c]
        }
    }

    private mutating func parseHexEscape(digits: Int) -> [Unicode.Scalar]? {
        guard index + digits <= scalars.count else { return nil }
        let text = String(String.UnicodeScalarView(scalars[index..<(index + digits)]))
        guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
        index += digits
        return [scalar]
    }

    private mutating func parseNumber() -> PythonLiteral? {
        var negative = false
        while let c = current, c == "-" || c == "+" {
            if c == "-" { negative.toggle() }
            index += 1
            skipWhitespace()
        }
        let start = index
        while let c = current,
            c.properties.isASCIIHexDigit || c == "." || c == "_" || c == "x" || c == "X" || c == "o"
                || c == "O" || c == "e" || c == "E"
                || ((c == "-" || c == "+") && (scalars[index - 1] == "e" || scalars[index - 1] == "E"))
        {
            index += 1
        }
        let token = String(String.UnicodeScalarView(scalars[start..<index])).replacingUnderscores()
        guard !token.isEmpty else { return nil }
        let sign = negative ? "-" : ""
        let lower = token.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard let value = UInt64(lower.dropFirst(2), radix: radix) else { return nil }
            return .integer(value == 0 ? "0" : sign + String(value))
        }
        if token.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let trimmed = String(token.drop { $0 == "0" })
            return .integer(trimmed.isEmpty ? "0" : sign + trimmed)
        }
        guard Double(token) != nil, !lower.contains("x") else { return nil }
        var text = token
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text += "0" }
        return .float(sign + text)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(filter { $0 != "_" })
    }
}
