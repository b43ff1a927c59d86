/// One sample being generated: its sequence id, sampler and text state. Owned by one request.
struct GenerationBranch {
    let sequence: Int32
    let sampler: SamplerHandle
    var decoder = IncrementalUTF8Decoder()
    var matcher: StopStringMatcher
    /// Watches the released text for loops (nil: no guard).
    var repetition: RepetitionDetector?
    var text = ""
    var tokens: [Token] = []
    var logProbs: [Double] = []
    var stopReason: StopReason?
    /// Batch index whose logits this branch samples from next.
    var outputIndex: Int32

    var isActive: Bool { stopReason == nil }

    /// Applies a sampled token; returns the text that became final (for streaming).
    mutating func accept(_ token: Token, logProb: Double?, piece: [UInt8], isEnd: Bool, maxTokens: Int) -> String {
        if isEnd {
            stopReason = .endOfSequence
            return finishText()
        }
        tokens.append(token)
        if let logProb { logProbs.append(logProb) }
        var emitted = ""
        switch matcher.append(decoder.decode(piece)) {
        case .text(let s):
            emitted = s
        case .stopped(let s):
            stopReason = .stopSequence
            text += s
            return s
        }
        text += emitted
        if !emitted.isEmpty, let keep = repetition?.append(emitted) {
            stopReason = .repetition
            text = String(decoding: text.utf8.prefix(keep), as: UTF8.self)
            return emitted
        }
        if tokens.count >= maxTokens {
            stopReason = .maxTokens
            emitted += finishText()
        }
        return emitted
    }

    /// Flushes held-back bytes and text at the end of generation.
    private mutating func finishText() -> String {
        var rest = ""
        switch matcher.append(decoder.flush()) {
        case .text(let s): rest = s + matcher.finish()
        case .stopped(let s):
            rest = s
            stopReason = .stopSequence
        }
        text += rest
        return rest
    }

    mutating func cancel() {
        stopReason = .cancelled
        text += matcher.finish()
    }

    func completion() -> Completion {
        Completion(text: text, tokens: tokens, logProbs: logProbs, stopReason: stopReason ?? .cancelled)
    }
}
