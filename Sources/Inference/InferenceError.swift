/// A failure of the inference tool itself (a model that cannot be loaded, a prompt that does not
/// fit). Generation outcomes such as "stopped at max tokens" are values, not errors.
///
/// The description is one actionable sentence and never contains prompt text.
public struct InferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// No model file at the given path (resolving names is `Models`' `ModelStoreError`).
        case modelNotFound
        /// The file is not a GGUF model (bad magic, truncated, or rejected by llama.cpp).
        case invalidModelFile
        /// A LoRA adapter file is missing, corrupt, or does not match the base model.
        case invalidAdapter
        /// The requested context does not fit the model or the machine's memory.
        case modelDoesNotFit
        /// llama.cpp could not create a context.
        case contextCreationFailed
        /// Prompt plus requested tokens exceed the context window.
        case contextOverflow
        /// Tokenization, template rendering or decoding failed inside llama.cpp.
        case engineFailure
        /// The request is malformed (n < 1, negative max tokens, empty text to embed…).
        case invalidRequest
        /// A remote backend could not be reached or answered with an error (HTTP backends).
        case backendUnavailable
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
