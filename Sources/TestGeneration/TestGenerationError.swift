/// Tool failures of the TestGeneration module (never experimental outcomes: an unparsable
/// generation or a crashing input is a counted value, not an error).
public struct TestGenerationError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        /// A Python script shipped as a resource of this module could not be read.
        case missingResource
        /// The mutation script did not run to completion in the sandbox.
        case mutationScriptFailed
        /// A tests file given as search rewards does not exist (detail: its path).
        case testsFileMissing
        /// A tests file given as search rewards has no record (detail: its path).
        case testsFileEmpty
        /// A tests file to append to could not be created (detail: its path).
        case testsFileNotCreatable
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// Whether the fault is in what the user asked for (a tests file that is missing, empty or
    /// not creatable), not in the tool: front ends report these as usage errors.
    public var isUsageError: Bool {
        switch code {
        case .testsFileMissing, .testsFileEmpty, .testsFileNotCreatable: true
        case .missingResource, .mutationScriptFailed: false
        }
    }

    public var description: String {
        switch code {
        case .missingResource:
            "TestGeneration resource '\(detail)' is missing. Rebuild the package so the Python/ folder is copied next to the binary."
        case .mutationScriptFailed:
            "The mutation script failed in the sandbox (\(detail)). Check that the sandbox's Python has the `ast` module (3.9+)."
        case .testsFileMissing:
            "Generated tests file '\(detail)' not found. Create it with `o1coder tcg generate --out \(detail)`."
        case .testsFileEmpty:
            "Generated tests file '\(detail)' has no records (written by `o1coder tcg generate`)."
        case .testsFileNotCreatable:
            "Cannot create '\(detail)'. Check that its folder is writable."
        }
    }
}
