/// Line-level heuristics about Python source, without running Python.
///
/// Used to decide whether unfenced text is code, and which names code defines at top level (to
/// detect code written for the wrong entry point, spec D15).
enum PythonSource {
    /// Keywords that begin a compound statement; such a line must end with `:` (a comment may
    /// follow) to count as code, so prose like "for each item we…" is not mistaken for code.
    static let compoundKeywords: Set<String> = [
        "def", "class", "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "async",
    ]
    /// Keywords that begin a simple statement.
    static let simpleKeywords: Set<String> = [
        "return", "pass", "break", "continue", "raise", "assert", "global", "nonlocal", "del", "yield",
    ]

    /// How a single line of text reads.
    enum LineKind: Equatable {
        case blank
        /// Indented, comment, decorator or a recognisable statement.
        case code
        /// A top-level line that starts a definition or import (a good place for code to begin).
        case codeStart
        case prose
    }

    static func classify(_ line: Substring) -> LineKind {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { return .blank }
        if line.first == " " || line.first == "\t" { return .code }
        if trimmed.hasPrefix("#") { return .code }
        if trimmed.hasPrefix("@") { return .codeStart }
        let word = String(trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        let afterWord = trimmed.dropFirst(word.count)
        let code = codePart(of: trimmed)
        if word == "import", afterWord.first == " " { return .codeStart }
        if word == "from", trimmed.contains(" import ") { return .codeStart }
        if word == "def" || word == "class" || (word == "async" && trimmed.hasPrefix("async def")) {
            return code.hasSuffix(":") ? .codeStart : .prose
        }
        if compoundKeywords.contains(word) { return code.hasSuffix(":") ? .code : .prose }
        if simpleKeywords.contains(word), afterWord.isEmpty || afterWord.first == " " || afterWord.first == "(" {
            return .code
        }
        if word.isEmpty { return trimmed.first.map { "([{)]}'\"".contains($0) } == true ? .code : .prose }
        return looksLikeStatement(trimmed) ? .code : .prose
    }

    /// `name = …`, `name(…)`, `a.b[i] += …`, `a, b = …`: an identifier path followed by an
    /// assignment operator, a call or a tuple target.
    private static func looksLikeStatement(_ line: String) -> Bool {
        var rest = Substring(line)
        func identifierPath() -> Bool {
            guard let first = rest.first, first.isLetter || first == "_" else { return false }
            rest = rest.drop { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            while rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return false }
                rest = rest[rest.index(after: close)...]
            }
            return true
        }
        guard identifierPath() else { return false }
        rest = rest.drop { $0 == " " }
        if rest.first == "(" { return true }
        while rest.first == "," {
            rest = rest.dropFirst().drop { $0 == " " }
            guard identifierPath() else { return false }
            rest = rest.drop { $0 == " " }
        }
        for op in ["=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=", "^=", ":"]
        where rest.hasPrefix(op) {
            if op == "=" { return !rest.hasPrefix("==") }
            if op == ":" { return rest.contains("=") }  // annotated assignment `x: int = 0`
            return true
        }
        return false
    }

    /// The line without a trailing `# comment` (ignoring `#` inside simple quotes) and trimmed.
    private static func codePart(of line: String) -> String {
        var quote: Character?
        var result = ""
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "'" || ch == "\"" {
                quote = ch
            } else if ch == "#" {
                break
            }
            result.append(ch)
        }
        return result.trimmingWhitespace()
    }

    /// Whether every non-blank line reads as code (and there is at least one).
    static func isCodeLike(_ text: String) -> Bool {
        let kinds = text.split(separator: "\n", omittingEmptySubsequences: false).map(classify)
        return !kinds.contains(.prose) && kinds.contains { $0 == .code || $0 == .codeStart }
    }

    /// Maximal runs of code-like lines that begin at top level (a definition, import or statement,
    /// not an indented line), in order. Trailing blank lines are trimmed.
    static func codeRuns(in text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var runs: [String] = []
        var current: [Substring] = []
        func flush() {
            while let last = current.last, classify(last) == .blank { current.removeLast() }
            if !current.isEmpty { runs.append(current.joined(separator: "\n")) }
            current = []
        }
        for line in lines {
            switch classify(line) {
            case .codeStart:
                current.append(line)
            case .code:
                let isIndented = line.first == " " || line.first == "\t"
                if !current.isEmpty || !isIndented { current.append(line) }
            case .blank:
                if !current.isEmpty { current.append(line) }
            case .prose:
                flush()
            }
        }
        flush()
        return runs
    }

    /// Names bound at column 0: `def f`, `async def f`, `class C`, `x = …`, `x: T = …`.
    static func topLevelNames(in code: String) -> [String] {
        var names: [String] = []
        for line in code.split(separator: "\n") {
            guard let first = line.first, first != " ", first != "\t", first != "#" else { continue }
            var rest = line[...]
            for keyword in ["async def ", "def ", "class "] where rest.hasPrefix(keyword) {
                rest = rest.dropFirst(keyword.count).drop { $0 == " " }
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { names.append(String(name)) }
                rest = ""
                break
            }
            guard !rest.isEmpty else { continue }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let after = rest.dropFirst(name.count).drop { $0 == " " }
            let isAssignment = (after.first == "=" && !after.hasPrefix("==")) || (after.first == ":" && after.contains("="))
            if !name.isEmpty, name.first.map({ !$0.isNumber }) == true, isAssignment { names.append(String(name)) }
        }
        return names
    }
}
