internal import CLlama
#if canImport(Glibc)
internal import Glibc
#endif

/// The model's chat template applied by llama.cpp's built-in matcher (`llama_chat_apply_template`;
/// no Jinja). A final assistant message is continued, not closed.
///
/// A chat without a system message gets the default system turn that the Jinja template itself
/// would insert (Qwen2.5: "You are Qwen, created by Alibaba Cloud. …"): the built-in matcher
/// leaves it out, so without this the prompt would differ from what Hugging Face's
/// `apply_chat_template`, vLLM or EvalPlus give the same model.
struct ChatTemplate: Sendable, Hashable {
    /// Template text from the GGUF, or a built-in name such as "chatml".
    let source: String
    /// The template's literal default system message, when it has one.
    let defaultSystem: String?

    init(source: String) {
        self.source = source
        defaultSystem = Self.defaultSystemMessage(in: source)
    }

    /// The content of a ChatML system turn written as one string literal in a Jinja template
    /// (`'<|im_start|>system\nTEXT<|im_end|>\n'`), which templates emit when no system message
    /// was given. Other template families have no such default.
    static func defaultSystemMessage(in source: String) -> String? {
        // The newlines are written as `\n` escapes (Qwen2.5) or as raw newlines (SmolLM2).
        for newline in ["\\n", "\n"] {
            let opening = "<|im_start|>system" + newline
            let closing = "<|im_end|>" + newline
            for quote in ["'", "\""] {
                var rest = Substring(source)
                while let found = rest.firstRange(of: quote + opening) {
                    rest = rest[found.upperBound...]
                    guard let end = rest.firstIndex(of: Character(quote)) else { break }
                    let literal = rest[..<end]
                    if literal.hasSuffix(closing), literal.count > closing.count {
                        return String(literal.dropLast(closing.count)).replacing("\\n", with: "\n")
                    }
                }
            }
        }
        return nil
    }

    /// Renders `messages`; with `addAssistant` the text ends with the assistant turn's opening.
    func render(_ messages: [ChatMessage], addAssistant: Bool) throws(InferenceError) -> String {
        let roles = messages.map { strdup($0.role.rawValue) }
        let contents = messages.map { strdup($0.content) }
        defer {
            roles.forEach { free($0) }
            contents.forEach { free($0) }
        }
        var chat = zip(roles, contents).map { llama_chat_message(role: $0, content: $1) }
        var capacity = max(256, 2 * messages.reduce(0) { $0 + $1.content.utf8.count })
        for _ in 0..<2 {
            var buf = [CChar](repeating: 0, count: capacity)
            let n = llama_chat_apply_template(source, &chat, chat.count, addAssistant, &buf, Int32(capacity))
            guard n >= 0 else {
                throw InferenceError(.engineFailure, "llama.cpp does not support this model's chat template; pass a raw text prompt instead.")
            }
            if Int(n) <= capacity {
                return String(decoding: buf.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(n) + 1
        }
        throw InferenceError(.engineFailure, "Chat template rendering did not converge.")
    }

    /// The prompt text for `input`. A trailing assistant message is rendered as an open turn
    /// (the messages before it with the assistant opening, then its content, unclosed).
    func prompt(for input: PromptInput) throws(InferenceError) -> String {
        switch input {
        case .text(let text):
            return text
        case .chat(var messages):
            if let defaultSystem, messages.first?.role != .system { messages.insert(.system(defaultSystem), at: 0) }
            if let last = messages.last, last.role == .assistant {
                return try render(Array(messages.dropLast()), addAssistant: true) + last.content
            }
            return try render(messages, addAssistant: true)
        }
    }
}
