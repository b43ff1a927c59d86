/// Tool failures of the TestGeneration module (never experimental outcomes: an unparsable
/// generation or a crashing input is a counted value, not an error).
public struct TestGenerationError: Error, CustomStringConvertible, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        /// A Python script shipped as a resource of this module could not be read.
        case missingResource
        /// The mutation script did not run to completion in the sandbox.
        case mutationScriptFailed
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .missingResource:
            "TestGeneration resource '\(detail)' is missing. Rebuild the package so the Python/ folder is copied next to the binary."
        case .mutationScriptFailed:
            "The mutation script failed in the sandbox (\(detail)). Check that the sandbox's Python has the `ast` module (3.9+)."
        }
    }
}
