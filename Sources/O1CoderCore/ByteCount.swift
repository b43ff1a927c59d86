/// A size in bytes; units live in the type, not in parameter names.
public struct ByteCount: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func bytes(_ n: Int) -> ByteCount { ByteCount(rawValue: n) }
    public static func kibibytes(_ n: Int) -> ByteCount { ByteCount(rawValue: n << 10) }
    public static func mebibytes(_ n: Int) -> ByteCount { ByteCount(rawValue: n << 20) }
    public static func gibibytes(_ n: Int) -> ByteCount { ByteCount(rawValue: n << 30) }
    public static func < (a: ByteCount, b: ByteCount) -> Bool { a.rawValue < b.rawValue }
    public var description: String {
        if rawValue >= 1 << 30, rawValue % (1 << 30) == 0 { return "\(rawValue >> 30) GiB" }
        if rawValue >= 1 << 20, rawValue % (1 << 20) == 0 { return "\(rawValue >> 20) MiB" }
        if rawValue >= 1 << 10, rawValue % (1 << 10) == 0 { return "\(rawValue >> 10) KiB" }
        return "\(rawValue) B"
    }
}
