/// A trace read from model output, with its code (for a complete trace) and the repairs made.
public struct ParsedTrace: Codable, Sendable, Hashable {
    public var trace: ReasoningTrace
    /// The code of the code step: its last Python block. Nil for a prefix.
    public var code: ExtractedCode?
    /// Everything irregular that was repaired or noted, including the code's issues.
    public var issues: [ParseIssue]

    public init(trace: ReasoningTrace, code: ExtractedCode?, issues: [ParseIssue]) {
        self.trace = trace
        self.code = code
        self.issues = issues
    }
}

/// The outcome of parsing a trace: a trace, or an unparsable output with its reason.
public enum TraceParseOutcome: Codable, Sendable, Hashable {
    case parsed(ParsedTrace)
    case unparsable(ParseFailure, issues: [ParseIssue])

    /// The parsed trace, when there is one.
    public var parsed: ParsedTrace? {
        if case .parsed(let value) = self { return value }
        return nil
    }

    /// The failure, when unparsable.
    public var failure: ParseFailure? {
        if case .unparsable(let failure, _) = self { return failure }
        return nil
    }

    /// Issues noted either way.
    public var issues: [ParseIssue] {
        switch self {
        case .parsed(let value): value.issues
        case .unparsable(_, let issues): issues
        }
    }
}
