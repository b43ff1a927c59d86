/// Examples in a HumanEval-style docstring, as assert statements on the entry point.
enum DocstringExamples {
    static func asserts(in prompt: String, entryPoint: String) -> [String] {
        let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmed }
        var result: [String] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix(">>>") {
                var expression = withoutComment(String(line.dropFirst(3))).trimmed
                i += 1
                while i < lines.count, lines[i].hasPrefix("...") {
                    expression += "\n" + String(lines[i].dropFirst(3))
                    i += 1
                }
                var output: [String] = []
                while i < lines.count, !lines[i].isEmpty, !lines[i].hasPrefix(">>>"), !lines[i].contains("\"\"\""),
                    inlineExample(lines[i], entryPoint: entryPoint) == nil
                {
                    output.append(lines[i])
                    i += 1
                }
                if calls(expression, entryPoint), !output.isEmpty {
                    result.append("assert (\(expression)) == (\(output.joined(separator: "\n")))")
                }
                continue
            }
            if let example = inlineExample(line, entryPoint: entryPoint) { result.append(example) }
            i += 1
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// Whether a `>>>` expression evaluates a call of the entry point (not an assignment or import).
    static func calls(_ expression: String, _ entryPoint: String) -> Bool {
        guard expression.contains(entryPoint + "("), !expression.hasPrefix("import "), !expression.hasPrefix("from ")
        else { return false }
        let head = expression.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " }
        return !(expression.dropFirst(head.count).hasPrefix("=") && !expression.dropFirst(head.count).hasPrefix("=="))
    }

    /// `f(1, 2) == 3`, `f(1, 2) ➞ 3`, `f(1, 2) => 3`, `f(1, 2) -> 3` (a leading bullet allowed).
    static func inlineExample(_ line: String, entryPoint: String) -> String? {
        let text = String(line.drop { "-*• ".contains($0) })
        guard text.hasPrefix(entryPoint + "("),
            let end = balancedCallEnd(text, from: text.index(text.startIndex, offsetBy: entryPoint.count))
        else { return nil }
        let call = String(text[..<end])
        var rest = text[end...].drop { $0 == " " }
        guard let op = ["==>", "==", "➞", "=>", "->", "→"].first(where: { rest.hasPrefix($0) }) else { return nil }
        rest = rest.dropFirst(op.count)
        var value = withoutComment(String(rest)).trimmed
        // `f(x) == 1 + 2 = 3`: the value is what follows the worked sum.
        if let range = value.ranges(of: " = ").last { value = String(value[range.upperBound...]).trimmed }
        // A sentence-ending period after a value (not part of a float).
        if value.hasSuffix("."), !(value.dropLast().last?.isNumber ?? false) { value = String(value.dropLast()) }
        guard !value.isEmpty else { return nil }
        return "assert (\(call)) == (\(value))"
    }

    /// `text` without a trailing ` # comment` (a `#` inside quotes is kept).
    static func withoutComment(_ text: String) -> String {
        var quote: Character?
        for i in text.indices {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" {
                return String(text[..<i])
            }
        }
        return text
    }

    /// The index just past the `)` that closes the `(` at `open`, skipping quoted text.
    static func balancedCallEnd(_ s: String, from open: String.Index) -> String.Index? {
        guard open < s.endIndex, s[open] == "(" else { return nil }
        var depth = 0
        var quote: Character?
        var i = open
        while i < s.endIndex {
            let c = s[i]
            if let q = quote {
                if c == "\\" {
                    i = s.index(after: i)
                    if i == s.endIndex { return nil }
                } else if c == q {
                    quote = nil
                }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if "([{".contains(c) {
                depth += 1
            } else if ")]}".contains(c) {
                depth -= 1
                if depth == 0 { return s.index(after: i) }
            }
            i = s.index(after: i)
        }
        return nil
    }
}
