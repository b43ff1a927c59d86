extension Duration {
    /// The duration in seconds, fractions included (what reports and JSON record).
    public var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    public var elapsedSeconds: Double { (ContinuousClock.now - self).seconds }
}
