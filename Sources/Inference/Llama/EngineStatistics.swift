/// Totals over an engine's lifetime; prefix sharing shows up as `promptTokensReused`.
public struct EngineStatistics: Codable, Sendable, Hashable {
    public var requests = 0
    public var usage = TokenUsage()
    public var prefixCacheHits = 0
    public var prefixCacheEvictions = 0
    public init() {}
}
