/// Why a model could not be resolved or downloaded: the one error type of `Models`.
/// The description is one actionable sentence.
public struct ModelStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// No file at the given path, a registry model not downloaded yet, or an unreadable trained model.
        case modelNotFound
        /// A name that is neither a registry entry, a trained model nor an existing file.
        case unknownModel
        /// Downloading or assembling a model failed, or its checksum did not match.
        case downloadFailed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
