extension OracleCompletion {
    /// What a command logs about the completion: a cache that could not be written, where the
    /// expected outputs came from, and how many inputs the reference could not answer.
    public var notes: [String] {
        let skipped = skippedInputs.values.reduce(0, +)
        return (cacheWarning.map { ["warning: expected outputs not cached: \($0)"] } ?? [])
            + ["expected outputs \(usedCache ? "from cache" : "computed")"
                + (skipped > 0 ? "; \(skipped) inputs skipped (reference raised or timed out)" : "")]
    }
}
