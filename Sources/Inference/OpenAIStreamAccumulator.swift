import Foundation

/// Folds the `data:` payloads of a streamed completion into text pieces and a final result.
///
/// Chat chunks carry `choices[0].delta.content`, completion chunks `choices[0].text`; log-probs,
/// `finish_reason` and (with `stream_options.include_usage`) `usage` arrive on later chunks.
/// The `[DONE]` payload ends the stream.
struct StreamAccumulator {
    let stop: [String]
    private(set) var done = false
    private var text = ""
    private var tokens: [Token] = []
    private var logProbs: [Double] = []
    private var finishReason: String?
    private var stopReasonField: OpenAIWire.StopReasonField?
    private var usage = TokenUsage()

    init(stop: [String]) { self.stop = stop }

    /// Handles one event payload, passing any new text to `onText`.
    mutating func consume(_ payload: String, url: String, onText: (String) -> Void) throws {
        let trimmed = payload.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "[DONE]" {
            done = true
            return
        }
        let chunk: OpenAIWire.CompletionResponse
        do {
            chunk = try OpenAIHTTPClient.decoder.decode(OpenAIWire.CompletionResponse.self, from: Data(trimmed.utf8))
        } catch {
            throw OpenAIBackendError.malformedResponse(
                url: url, reason: "stream event is not a completion chunk: \(error)",
                bodyExcerpt: OpenAIBackendError.excerpt(trimmed.utf8))
        }
        if let chunkUsage = chunk.usage { usage = OpenAIModel.usage(chunkUsage) }
        guard let choice = chunk.choices.first else { return }
        if let piece = choice.delta?.content ?? choice.text, !piece.isEmpty {
            text += piece
            onText(piece)
        }
        for entry in choice.logprobs?.content ?? [] {
            logProbs.append(entry.logprob)
            if let id = entry.id { tokens.append(Token(rawValue: id)) }
        }
        if let values = choice.logprobs?.tokenLogprobs { logProbs.append(contentsOf: values.compactMap { $0 }) }
        if let reason = choice.finishReason { finishReason = reason }
        if let field = choice.stopReason { stopReasonField = field }
    }

    var result: GenerationResult {
        let reason = OpenAIModel.stopReason(finish: finishReason, field: stopReasonField, stop: stop)
        let completion = Completion(
            text: text, tokens: tokens.count == logProbs.count ? tokens : [], logProbs: logProbs, stopReason: reason)
        return GenerationResult(completions: [completion], usage: usage)
    }
}
