public import O1CoderCore

extension Problem {
    /// Whether the tests can be trusted as ground truth. TACO rows carry outputs scraped with the
    /// statement; only those whose `verification.result` is `pass` (dataset README) were checked
    /// against a solution. Rows of every other dataset are trusted.
    public var hasVerifiedTests: Bool { dataset != .taco || metadata["verification"] == "pass" }
}
