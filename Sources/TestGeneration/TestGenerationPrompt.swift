public import Inference
public import O1CoderCore

/// Chat prompts for the TCG, for both modes and both task styles. The format is
/// ``TestBlockFormat``; one short worked example of our own per style is given as a previous
/// user/assistant turn, which small instruction-tuned models copy reliably.
public enum TestGenerationPrompt {
    public static let systemMessage =
        "You write test cases for programming problems. Answer only with test blocks in the requested format."

    /// The chat messages asking for `count` tests of `problem`.
    /// - Parameters:
    ///   - includeReference: show the reference solution (the paper's γ(Q, C)); when false or
    ///     when the problem has none, the prompt is question-only (the paper's footnote 1).
    ///   - includeExample: prepend the worked example turn.
    public static func messages(
        for problem: Problem, mode: TestGenerationMode, count: Int,
        includeReference: Bool = true, includeExample: Bool = true
    ) -> [ChatMessage] {
        let example = FewShotExample.example(for: problem.style)
        var messages: [ChatMessage] = [.system(systemMessage)]
        if includeExample {
            messages.append(.user(userText(
                problem: example.problemText, reference: example.reference, style: problem.style,
                entryPoint: example.entryPoint, mode: mode, count: example.tests.count)))
            messages.append(.assistant(completion(for: example.tests, entryPoint: example.entryPoint, mode: mode)))
        }
        let reference = includeReference ? problem.referenceSolution : nil
        messages.append(.user(userText(
            problem: problem.prompt, reference: reference, style: problem.style,
            entryPoint: problem.entryPoint, mode: mode, count: count)))
        return messages
    }

    /// The assistant text for `tests` in `mode`: what a perfect answer looks like (SFT target).
    public static func completion(for tests: [ProposedTest], entryPoint: String?, mode: TestGenerationMode) -> String {
        TestBlockFormat.render(tests, entryPoint: entryPoint, includeOutput: mode == .full)
    }

    static func userText(
        problem: String, reference: String?, style: TaskStyle, entryPoint: String?,
        mode: TestGenerationMode, count: Int
    ) -> String {
        var parts: [String] = []
        let what = mode == .full ? "test cases" : "test inputs"
        parts.append("Write \(count) \(what) for the problem below. Cover typical cases and edge cases; keep each input small.")
        parts.append(formatDescription(style: style, entryPoint: entryPoint, mode: mode))
        parts.append("### Problem\n" + problem.trimmingWhitespace())
        if let reference {
            parts.append("### Reference solution\n```python\n" + reference.trimmingWhitespace() + "\n```")
        }
        parts.append("### Tests")
        return parts.joined(separator: "\n\n")
    }

    static func formatDescription(style: TaskStyle, entryPoint: String?, mode: TestGenerationMode) -> String {
        let name = entryPoint ?? "f"
        var lines = ["Write each test as its own block:", "```case", "# input:"]
        switch style {
        case .function:
            lines.append("\(name)(<arguments as Python literals>)")
            if mode == .full { lines += ["# output:", "<the value \(name) returns, as a Python literal>"] }
        case .standardIO:
            lines.append("<the exact standard input>")
            if mode == .full { lines += ["# output:", "<the exact standard output>"] }
        }
        lines.append("```")
        if mode == .inputsOnly { lines.append("Do not write outputs; they are computed by running the solution.") }
        return lines.joined(separator: "\n")
    }
}

/// The worked example shown before the real problem (our own problems, not from any dataset).
struct FewShotExample {
    var problemText: String
    var reference: String
    var entryPoint: String?
    var tests: [ProposedTest]

    static func example(for style: TaskStyle) -> FewShotExample {
        switch style {
        case .function: return function
        case .standardIO: return standardIO
        }
    }

    static let function = FewShotExample(
        problemText: """
            def clamp(x, low, high):
                \"\"\"Return x limited to the range [low, high].\"\"\"
            """,
        reference: """
            def clamp(x, low, high):
                return max(low, min(x, high))
            """,
        entryPoint: "clamp",
        tests: [
            ProposedTest(input: .arguments([.integer("5"), .integer("0"), .integer("10")]), output: .value(.integer("5"))),
            ProposedTest(input: .arguments([.integer("-3"), .integer("0"), .integer("10")]), output: .value(.integer("0"))),
            ProposedTest(input: .arguments([.integer("12"), .integer("0"), .integer("10")]), output: .value(.integer("10"))),
        ])

    static let standardIO = FewShotExample(
        problemText: """
            The first line holds an integer n. The second line holds n integers. \
            Print their sum and their maximum, separated by a space.
            """,
        reference: """
            n = int(input())
            a = list(map(int, input().split()))
            print(sum(a), max(a))
            """,
        entryPoint: nil,
        tests: [
            ProposedTest(input: .standardInput("3\n1 2 3\n"), output: .standardOutput("6 3")),
            ProposedTest(input: .standardInput("1\n-5\n"), output: .standardOutput("-5 -5")),
            ProposedTest(input: .standardInput("4\n7 7 0 2\n"), output: .standardOutput("16 7")),
        ])
}
