/// A failure of the `Reasoning` module itself (not of a model's answer, which is a value).
public struct ReasoningError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// A bundled resource file is not where the module expects it.
        case missingResource(name: String)
        /// A resource file exists but cannot be decoded.
        case corruptResource(name: String, reason: String)
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }

    public var description: String {
        switch code {
        case .missingResource(let name):
            "Resource '\(name)' is missing from the Reasoning bundle. Rebuild the package (swift build) so resources are copied."
        case .corruptResource(let name, let reason):
            "Resource '\(name)' cannot be read: \(reason). Fix the file or restore it from git."
        }
    }
}
