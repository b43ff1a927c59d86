public import O1CoderCore

/// A test as proposed by the model (or built from ground truth), before or after validation.
public struct ProposedTest: Codable, Sendable, Hashable {
    /// What the program is given.
    public enum Input: Codable, Sendable, Hashable {
        /// Positional arguments of the entry point.
        case arguments([PythonLiteral])
        /// The whole of standard input.
        case standardInput(String)
    }

    /// What the program should produce.
    public enum Output: Codable, Sendable, Hashable {
        /// The entry point's return value.
        case value(PythonLiteral)
        /// The whole of standard output.
        case standardOutput(String)
    }

    public var input: Input
    public var output: Output?

    public init(input: Input, output: Output? = nil) {
        self.input = input
        self.output = output
    }

    /// Identity of the input for de-duplication: canonical Python text of the arguments, or the
    /// standard input with trailing spaces and surrounding blank lines removed.
    public var deduplicationKey: String {
        switch input {
        case .arguments(let args): return "call:" + PythonLiteral.tuple(args).pythonText
        case .standardInput(let text): return "stdin:" + StandardText.normalized(text)
        }
    }

    /// The `O1CoderCore` test this proposal becomes, or nil when it has no output yet or its
    /// arguments have no JSON form (the call harness takes a JSON array of arguments).
    public func testCase(group: TestGroup = .base) -> TestCase? {
        switch (input, output) {
        case (.arguments(let args), .value(let value)?):
            guard let json = PythonLiteral.list(args).jsonText else { return nil }
            return .call(arguments: json, expected: .pythonLiteral(value.pythonText), group: group)
        case (.standardInput(let stdin), .standardOutput(let stdout)?):
            return .standardIO(input: stdin, expectedOutput: stdout, group: group)
        default:
            return nil
        }
    }

    /// The same input with another output.
    public func with(output: Output?) -> ProposedTest {
        ProposedTest(input: input, output: output)
    }
}

/// Whitespace conventions of stdin/stdout tests (those of the sandbox's comparator).
enum StandardText {
    /// Trailing whitespace removed from each line, leading and trailing blank lines dropped,
    /// `\r\n` turned into `\n`.
    static func normalized(_ text: String) -> String {
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> Substring in
                var end = line.endIndex
                while end > line.startIndex, line[line.index(before: end)] == " " || line[line.index(before: end)] == "\t" {
                    end = line.index(before: end)
                }
                return line[..<end]
            }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
            let last = lines.lastIndex(where: { !$0.isEmpty })
        else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}

extension String {
    func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousWasCR = false
        for scalar in unicodeScalars {
            if previousWasCR && scalar != "\n" { out.unicodeScalars.append("\n") }
            previousWasCR = scalar == "\r"
            if !previousWasCR { out.unicodeScalars.append(scalar) }
        }
        if previousWasCR { out.unicodeScalars.append("\n") }
        return out
    }
}
