public import O1CoderCore

/// Reads a problem's own tests as ``ProposedTest``s (for training data and the few-shot target
/// format). Call tests, stdin tests and `assert name(args) == value` assertions convert;
/// scripts (HumanEval's `check`) and other assertions do not and are counted as skipped.
public enum GroundTruthTests {
    public struct Conversion: Sendable, Hashable {
        public var tests: [ProposedTest]
        /// Indices (in the suite) of the cases that could not be converted.
        public var skipped: [Int]
    }

    public static func convert(_ problem: Problem) -> Conversion {
        var tests: [ProposedTest] = []
        var skipped: [Int] = []
        for (index, testCase) in problem.tests.cases.enumerated() {
            if let test = convert(testCase) {
                tests.append(test)
            } else {
                skipped.append(index)
            }
        }
        return Conversion(tests: tests, skipped: skipped)
    }

    public static func convert(_ testCase: TestCase) -> ProposedTest? {
        switch testCase {
        case .call(let arguments, let expected, _):
            guard let args = PythonLiteralParser.parse(arguments)?.sequenceElements,
                let value = expectedValue(expected)
            else { return nil }
            return ProposedTest(input: .arguments(args), output: .value(value))
        case .standardIO(let input, let expectedOutput, _):
            return ProposedTest(input: .standardInput(input), output: .standardOutput(StandardText.normalized(expectedOutput)))
        case .assertion(let statement, _):
            let trimmed = statement.trimmingWhitespace()
            guard trimmed.hasPrefix("assert "),
                let (args, output) = TestBlockParser.callArguments(String(trimmed.dropFirst(7)).trimmingWhitespace()),
                let output
            else { return nil }
            return ProposedTest(input: .arguments(args), output: .value(output))
        case .script:
            return nil
        }
    }

    static func expectedValue(_ expected: ExpectedValue) -> PythonLiteral? {
        switch expected {
        case .json(let text), .pythonLiteral(let text):
            return PythonLiteralParser.parse(text)
        case .jsonWrapped(let text):
            guard let value = PythonLiteralParser.parse(text) else { return nil }
            if case .list(let items) = value, items.count == 1 { return items[0] }
            return value
        }
    }
}
