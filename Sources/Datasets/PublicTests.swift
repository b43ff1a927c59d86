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
    /// after the previous one.
    static func appearsInOrder(_ parts: [String], in text: String) -> Bool {
        let squeezed = parts.map(\.withoutWhitespace)
        guard squeezed.allSatisfy({ !$0.isEmpty }), squeezed.reduce(0, { $0 + $1.count }) >= 2 else { return false }
        var rest = Substring(text.withoutWhitespace)
        for part in squeezed {
            guard let range = rest.firstRange(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

extension String {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
    var withoutWhitespace: String { String(filter { !$0.isWhitespace }) }
}
