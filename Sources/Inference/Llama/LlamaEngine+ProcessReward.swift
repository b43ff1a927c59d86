internal import CLlama
#if canImport(Glibc)
internal import Glibc
#endif

extension LlamaEngine {
    /// For each of the last `count` occurrences of the single-token `tag` in `prompt`, the
    /// probability of `good` against `bad` as the next token: a generative PRM's step scores,
    /// every step of a path from one forward pass (spec 6.7; the tag stays in the input, as the
    /// runner's trainer sees it).
    public func tagProbabilities(prompt: PromptInput, count: Int, tag: String, good: String, bad: String) throws -> [Double] {
        assertOnEngineQueue()
        func single(_ text: String) throws(InferenceError) -> Token {
            let t = try model.tokenize(text, addSpecial: false, parseSpecial: false)
            guard t.count == 1 else {
                throw InferenceError(.invalidRequest, "'\(text)' is \(t.count) tokens for this model; a PRM tag must be one token.")
            }
            return t[0]
        }
        let (tagToken, goodToken, badToken) = (try single(tag), try single(good), try single(bad))
        let tokens = try promptTokens(prompt)
        guard tokens.count <= context.contextLength else {
            throw InferenceError(.contextOverflow, "The path has \(tokens.count) tokens; the context holds \(context.contextLength). Raise --ctx.")
        }
        let positions = tokens.indices.filter { tokens[$0] == tagToken }.suffix(count)
        guard let first = positions.first else { return [] }
        defer { releaseWorkingSequences() }
        var scores: [Double] = []
        let wanted = Set(positions)
        let (evaluated, reused) = try evaluate(tokens, outputsFrom: first) { position, index in
            guard wanted.contains(position), let logits = context.logits(at: index) else { return }
            let g = Double(logits[Int(goodToken.rawValue)]), b = Double(logits[Int(badToken.rawValue)])
            scores.append(1 / (1 + exp(b - g)))
        }
        rememberPrefix(tokens[..<first])
        stats.requests += 1
        stats.usage = stats.usage + TokenUsage(promptTokensEvaluated: evaluated, promptTokensReused: reused)
        return scores
    }
}
