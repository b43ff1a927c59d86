/// Why a proposed test block was rejected by ``TestBlockParser``. Each rejection is counted in
/// ``GenerationReport``; none of them is an error.
public enum TestParseFailure: String, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The completion contains nothing that looks like a test.
    case noTestBlocks = "no_test_blocks"
    /// An input section with no content.
    case emptyInput = "empty_input"
    /// A function-task input that is neither a call with literal arguments nor a literal
    /// argument list.
    case inputNotLiteral = "input_not_literal"
    /// The number of arguments does not fit the entry point's signature.
    case wrongArity = "wrong_arity"
    /// Arguments with no JSON form (sets, dicts with non-string keys): the call harness takes
    /// a JSON array of arguments.
    case notJSONRepresentable = "not_json_representable"
    /// Full mode: the test has no expected output.
    case missingOutput = "missing_output"
    /// Full mode, function task: the expected output is not a Python literal.
    case outputNotLiteral = "output_not_literal"

    public var description: String { rawValue }
}

/// One test block found in a completion: parsed, or rejected with a reason.
public struct ParsedBlock: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case parsed(ProposedTest)
        case rejected(TestParseFailure)
    }

    public var outcome: Outcome
    /// The raw input text the block was read from (at most 200 characters), for diagnostics.
    public var excerpt: String

    public init(outcome: Outcome, excerpt: String) {
        self.outcome = outcome
        self.excerpt = String(excerpt.prefix(200))
    }

    public var test: ProposedTest? {
        if case .parsed(let test) = outcome { return test }
        return nil
    }

    public var failure: TestParseFailure? {
        if case .rejected(let failure) = outcome { return failure }
        return nil
    }
}
