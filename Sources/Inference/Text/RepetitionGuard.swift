/// Stops degenerate repetition: small models at greedy decoding often fall into a loop (the same
/// test block, the same line) and run to the token cap, which costs time and leaves an answer cut
/// mid-construct. The guard fires when the last `blockLines` lines (1 ≤ blockLines ≤
/// ``maxBlockLines``) are `minRepeats` back-to-back copies of one block; the completion then keeps
/// the text up to the end of the block's first copy, at a line boundary.
///
/// Lines compare after trailing whitespace is removed. A block needs ``minCharacters``
/// non-whitespace characters, so repeated blank lines or closing brackets do not trigger it.
public struct RepetitionGuard: Codable, Sendable, Hashable {
    public var maxBlockLines: Int
    /// Copies of the block, the first included (at least 2).
    public var minRepeats: Int
    public var minCharacters: Int

    public init(maxBlockLines: Int = 8, minRepeats: Int = 4, minCharacters: Int = 10) {
        self.maxBlockLines = max(1, maxBlockLines)
        self.minRepeats = max(2, minRepeats)
        self.minCharacters = max(1, minCharacters)
    }

    /// The defaults: blocks of up to 8 lines, 4 copies, 10 visible characters.
    public static let standard = RepetitionGuard()

    /// The length in UTF-8 bytes of `text` to keep when it repeats, or nil when it does not
    /// (applied after the fact, for backends that cannot be stopped mid-generation).
    public func repetitionCut(in text: String) -> Int? {
        var detector = RepetitionDetector(guard: self)
        return detector.append(text)
    }
}

extension Completion {
    /// The completion cut where `rule` fires, with stop reason ``StopReason/repetition`` (the
    /// tokens and log-probs stay those generated; the text loses the repeats).
    public func applying(_ rule: RepetitionGuard?) -> Completion {
        guard let rule, let keep = rule.repetitionCut(in: text) else { return self }
        var cut = self
        cut.text = String(decoding: text.utf8.prefix(keep), as: UTF8.self)
        cut.stopReason = .repetition
        return cut
    }
}
