import Foundation

extension GenerationResult {
    /// The completions after the first, each under a header with its seed and stop reason (the
    /// first is what was streamed). `seed` is the request's: sample `i` used `seed &+ i`.
    public func otherSamples(seed: UInt64) -> String {
        completions.enumerated().dropFirst().map { i, c in
            "--- sample \(i) (seed \(seed &+ UInt64(i)), \(c.stopReason.rawValue)) ---\n\(c.text)\n"
        }.joined()
    }

    /// One line of token counts, speed, the first completion's stop reason and mean log-probability.
    public var usageLine: String {
        let speed = usage.seconds > 0 ? Double(usage.generatedTokens) / usage.seconds : 0
        let first = completions.first
        let logProbs = first?.logProbs ?? []
        let meanLogProb = logProbs.isEmpty ? 0 : (first?.totalLogProb ?? 0) / Double(logProbs.count)
        return String(
            format: "prompt %d evaluated + %d reused, %d generated in %.2f s (%.1f tok/s), stop %@, mean logprob %.3f",
            usage.promptTokensEvaluated, usage.promptTokensReused, usage.generatedTokens, usage.seconds, speed,
            first?.stopReason.rawValue ?? "none", meanLogProb)
    }
}
