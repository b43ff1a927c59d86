/// Python code taken from a model output, with where it came from.
public struct ExtractedCode: Codable, Sendable, Hashable {
    /// Where in the output the code was found.
    public enum Source: String, Codable, Sendable, Hashable {
        /// A fence tagged `python`, `py` or `python3`.
        case pythonFence
        /// A fence without a language tag.
        case untaggedFence
        /// The whole output (after trimming) looked like Python.
        case wholeText
        /// A run of Python-looking lines between prose.
        case unfencedLines
    }

    public var code: String
    public var source: Source
    /// Names bound at top level (`def`, `async def`, `class`, assignments), in order.
    public var definedNames: [String]
    /// Irregularities met while extracting (fence problems, wrong entry point).
    public var issues: [ParseIssue]

    public init(code: String, source: Source, definedNames: [String], issues: [ParseIssue]) {
        self.code = code
        self.source = source
        self.definedNames = definedNames
        self.issues = issues
    }

    /// Whether `name` is bound at top level.
    public func defines(_ name: String) -> Bool { definedNames.contains(name) }
}

/// The outcome of looking for code: the code, or why there is none.
public enum CodeExtraction: Codable, Sendable, Hashable {
    case found(ExtractedCode)
    case failed(ParseFailure)

    /// The code, when found.
    public var code: ExtractedCode? {
        if case .found(let code) = self { return code }
        return nil
    }
}
