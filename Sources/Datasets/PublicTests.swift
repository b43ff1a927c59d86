public import O1CoderCore

/// The tests a problem's statement shows: what a solver (and a reward) may see without touching
/// the hidden tests that decide "solved".
///
/// - assert-style suites (MBPP, MBPP+): the asserts whose text appears in the prompt;
/// - HumanEval-style prompts: the docstring's examples, `>>> f(x)` followed by its output, or
///   `f(x) == y` / `f(x) ➞ y` / `f(x) => y` / `f(x) -> y` lines, turned into asserts;
/// - stdin/stdout and call tests (APPS, TACO): the tests whose input and output both appear, in
///   that order, in the statement's text (whitespace ignored).
///
/// Statement examples are sometimes wrong; a reward that uses them should drop those the
/// reference fails (see `PublicTestCheck` in Evaluation).
public enum PublicTests {
    public static func suite(for problem: Problem) -> TestSuite {
        let shown = problem.tests.cases.filter { isShown($0, in: problem.prompt) }
        var cases = shown
        if shown.isEmpty, let entryPoint = problem.entryPoint {
            cases = DocstringExamples.asserts(in: problem.prompt, entryPoint: entryPoint).map { .assertion($0) }
        }
        var suite = problem.tests
        suite.cases = cases
        return suite
    }

    static func isShown(_ test: TestCase, in prompt: String) -> Bool {
        switch test {
        case .assertion(let code, _):
            let line = code.trimmed
            return !line.isEmpty && prompt.contains(line)
        case .script:
            return false
        case .standardIO(let input, let output, _):
            return appearsInOrder([input, output], in: prompt)
        case .call(let arguments, let expected, _):
            let args = String(arguments.trimmed.dropFirst().dropLast())
            let value: String
            switch expected {
            case .json(let v), .pythonLiteral(let v): value = v
            case .jsonWrapped(let v):
                let t = v.trimmed
                value = t.hasPrefix("[") && t.hasSuffix("]") ? String(t.dropFirst().dropLast()) : t
            }
            return appearsInOrder([args, value], in: prompt)
        }
    }

    /// Whether each part (whitespace removed, at least 2 characters together) occurs in `text`
    /// after the previous one. Byte-wise: test inputs can be megabytes (TACO), and a part longer
    /// than what is left of the text is rejected before any search.
    static func appearsInOrder(_ parts: [String], in text: String) -> Bool {
        let squeezed = parts.map { Array($0.withoutWhitespace.utf8) }
        guard squeezed.allSatisfy({ !$0.isEmpty }), squeezed.reduce(0, { $0 + $1.count }) >= 2 else { return false }
        let haystack = Array(text.withoutWhitespace.utf8)
        var start = 0
        for part in squeezed {
            guard let found = firstIndex(of: part, in: haystack, from: start) else { return false }
            start = found + part.count
        }
        return true
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count - start else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

extension String {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
    var withoutWhitespace: String { String(filter { !$0.isWhitespace }) }
}
