import Foundation

/// A file of hyper-parameters for `o1coder train … --config F.yaml`: flat `key: value` lines in
/// a small subset of YAML, the keys being the flags' names (`learning-rate: 2e-4`, `steps: 50`).
///
/// The subset: one `key: value` per line, no indentation or nesting; `#` comments (whole lines,
/// or after a value and a space); blank lines; an optional `---` first line; values plain or
/// quoted (`"…"` with backslash escapes, `'…'` with `''` for a quote). Types follow YAML 1.2's
/// core schema: `50` is an integer, `2e-4` and `0.1` numbers, `true`/`false` booleans, and a
/// quoted value is always a string, so `steps: "50"` is refused rather than guessed at.
///
/// Every problem is reported at once, each as `file:line: what is wrong; what to do`. Parsed
/// here, without a YAML dependency, because the format needs about as many lines as wiring one.
public struct TrainingConfigFile: Sendable, Equatable {
    /// What a key's value must be.
    public enum ValueType: Sendable, Equatable, CustomStringConvertible {
        case integer
        /// An integer that is not negative (seeds).
        case natural
        case number
        case boolean
        case string
        /// One of these words.
        case choice([String])

        public var description: String {
            switch self {
            case .integer: "an integer (e.g. 50)"
            case .natural: "a non-negative integer (e.g. 42)"
            case .number: "a number (e.g. 2e-4 or 0.1)"
            case .boolean: "true or false"
            case .string: "a string"
            case .choice(let words): "one of " + words.joined(separator: ", ")
            }
        }
    }

    /// A typed value (from a file, or a flag given on the command line).
    public enum Value: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case boolean(Bool)
        case string(String)
    }

    /// A value and the line it was set on.
    public struct Setting: Sendable, Equatable {
        public var value: Value
        public var line: Int
    }

    /// The file the settings came from (as given), for messages and the training record.
    public let path: String
    public let settings: [String: Setting]

    /// The values by key, without their lines.
    public var values: [String: Value] { settings.mapValues(\.value) }

    /// Reads and parses `path`; `keys` are the valid keys and their types.
    public static func load(_ path: String, keys: [String: ValueType]) throws(TrainingError) -> TrainingConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError(.badConfiguration, "\(path): cannot read the --config file. Check the path.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TrainingError(.badConfiguration, "\(path): not UTF-8 text. Save the --config file as UTF-8.")
        }
        return try parse(text, path: path, keys: keys)
    }

    /// Parses `text` (the contents of `path`) against `keys`.
    public static func parse(_ text: String, path: String, keys: [String: ValueType]) throws(TrainingError) -> TrainingConfigFile {
        var settings: [String: Setting] = [:]
        var problems: [String] = []
        // "\r\n" is one Character in Swift: split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            func problem(_ message: String) { problems.append("\(path):\(number): \(message)") }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") || (trimmed == "---" && settings.isEmpty && trimmed.count == line.count) {
                continue
            }
            if line.first == "\t" {
                problem("a tab indents this line; YAML allows no tabs there, and this flat file no indentation: start the line with its key")
                continue
            }
            if line.first == " " {
                problem("this line is indented; only flat `key: value` lines are supported (no nesting): start it with its key")
                continue
            }
            switch Self.split(line) {
            case .failure(let failure):
                problem(failure.message)
            case .success(let (key, scalar)):
                guard let type = keys[key] else {
                    problem(unknownKey(key, valid: keys.keys.sorted()))
                    continue
                }
                if let first = settings[key] {
                    problem("`\(key)` is set again (first on line \(first.line)); keep one of the two lines")
                    continue
                }
                switch convert(scalar, to: type) {
                case .success(let value): settings[key] = Setting(value: value, line: number)
                case .failure(let failure): problem("`\(key)`: \(failure.message)")
                }
            }
        }
        guard problems.isEmpty else { throw TrainingError(.badConfiguration, problems.joined(separator: "\n")) }
        return TrainingConfigFile(path: path, settings: settings)
    }

    /// The text of a value and whether it was quoted (a quoted value is a string).
    struct Scalar: Equatable {
        var text: String
        var isQuoted: Bool
    }

    struct Problem: Error { var message: String }

    /// `key: value` split at the first colon, the value unquoted and its comment dropped.
    static func split(_ line: Substring) -> Result<(String, Scalar), Problem> {
        guard let colon = line.firstIndex(of: ":") else {
            return .failure(Problem(message: "expected `key: value`; write the setting as, e.g., `steps: 50`"))
        }
        let key = String(line[..<colon])
        let keyCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        guard !key.isEmpty, key.allSatisfy(keyCharacters.contains) else {
            return .failure(Problem(message: "`\(key)` is not a key (letters, digits and '-'); write `key: value`"))
        }
        let rest = line[line.index(after: colon)...]
        if let first = rest.first, first != " " && first != "\t" {
            return .failure(Problem(message: "no space after the colon; write `\(key): \(rest)`"))
        }
        let value = rest.drop { $0 == " " || $0 == "\t" }
        guard let first = value.first, first != "#" else {
            return .failure(Problem(message: "`\(key)` has no value; give one or delete the line"))
        }
        return scalar(value).map { (key, $0) }.mapError { Problem(message: "`\(key)`: " + $0.message) }
    }

    static func scalar(_ value: Substring) -> Result<Scalar, Problem> {
        let first = value.first!
        if first == "\"" || first == "'" {
            var text = ""
            var index = value.index(after: value.startIndex)
            var closed: String.Index?
            while index < value.endIndex {
                let c = value[index]
                if first == "'", c == "'" {
                    let next = value.index(after: index)
                    if next < value.endIndex, value[next] == "'" {
                        text.append("'")
                        index = value.index(after: next)
                        continue
                    }
                    closed = index
                    break
                }
                if first == "\"", c == "\"" {
                    closed = index
                    break
                }
                if first == "\"", c == "\\" {
                    let next = value.index(after: index)
                    guard next < value.endIndex, let escaped = ["\"": "\"", "\\": "\\", "/": "/", "n": "\n", "t": "\t"][value[next]] else {
                        return .failure(Problem(message: "unknown escape in a double-quoted value; use \\\", \\\\, \\n or \\t, or single quotes"))
                    }
                    text.append(escaped)
                    index = value.index(after: next)
                    continue
                }
                text.append(c)
                index = value.index(after: index)
            }
            guard let closed else {
                return .failure(Problem(message: "the quoted value is not closed; end it with \(first)"))
            }
            let after = value[value.index(after: closed)...].drop { $0 == " " || $0 == "\t" }
            guard after.isEmpty || after.hasPrefix("#") && after.count < value[value.index(after: closed)...].count else {
                return .failure(Problem(message: "text after the closing quote; put a comment after a space and #"))
            }
            return .success(Scalar(text: text, isQuoted: true))
        }
        if "[{&*!|>%@`".contains(first) {
            return .failure(Problem(message: "lists, maps, anchors, tags and block values are not supported here; quote the value if it is text"))
        }
        // A comment starts at a # after whitespace (YAML: `a#b` is one plain value).
        var end = value.endIndex
        var previous: Character = "x"
        for index in value.indices {
            if value[index] == "#", previous == " " || previous == "\t" {
                end = index
                break
            }
            previous = value[index]
        }
        var text = value[..<end]
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return .success(Scalar(text: String(text), isQuoted: false))
    }

    static func convert(_ scalar: Scalar, to type: ValueType) -> Result<Value, Problem> {
        func expected(_ hint: String = "") -> Result<Value, Problem> {
            let shown = scalar.isQuoted ? "the string \"\(scalar.text)\"" : "`\(scalar.text)`"
            let unquote = scalar.isQuoted && type != .string ? " (a quoted value is a string: remove the quotes)" : ""
            return .failure(Problem(message: "expected \(type), got \(shown)\(unquote)\(hint)"))
        }
        switch type {
        case .string:
            return .success(.string(scalar.text))
        case .choice(let words):
            return words.contains(scalar.text) ? .success(.string(scalar.text)) : expected()
        case .integer, .natural:
            guard !scalar.isQuoted, isInteger(scalar.text), let n = Int(scalar.text.drop { $0 == "+" }) else {
                return expected(isNumber(scalar.text) && !scalar.isQuoted ? "; write a whole number" : "")
            }
            return type == .natural && n < 0 ? expected() : .success(.integer(n))
        case .number:
            guard !scalar.isQuoted, isNumber(scalar.text), let x = Double(scalar.text) else { return expected() }
            return .success(.number(x))
        case .boolean:
            guard !scalar.isQuoted else { return expected() }
            switch scalar.text {
            case "true", "True", "TRUE": return .success(.boolean(true))
            case "false", "False", "FALSE": return .success(.boolean(false))
            case "yes", "no", "on", "off", "Yes", "No", "On", "Off", "y", "n":
                return expected("; YAML 1.2 reads that as text")
            default: return expected()
            }
        }
    }

    /// `[-+]?[0-9]+`, YAML 1.2's decimal integer.
    static func isInteger(_ text: String) -> Bool {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, YAML 1.2's decimal number.
    static func isNumber(_ text: String) -> Bool {
        var rest = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
        let mantissa = rest.prefix { $0 != "e" && $0 != "E" }
        rest = rest.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard mantissa.filter({ $0 == "." }).count <= 1, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.contains(where: { !$0.isEmpty })
        else { return false }
        guard !rest.isEmpty else { return true }
        let exponent = rest.dropFirst()
        let digits = exponent.first == "-" || exponent.first == "+" ? exponent.dropFirst() : exponent
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    static func unknownKey(_ key: String, valid: [String]) -> String {
        let close = valid.filter { editDistance($0, key.replacingOccurrences(of: "_", with: "-")) <= 2 }
        let hint = close.isEmpty ? "" : " Did you mean " + close.map { "`\($0)`" }.joined(separator: " or ") + "?"
        return "unknown key `\(key)`.\(hint) Valid keys here: " + valid.joined(separator: ", ")
    }

    /// Levenshtein distance, for the "did you mean" of an unknown key.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var diagonal = row[0]
            row[0] = i
            for j in 1...b.count {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
