/// A name that identifies one thing (a problem, a reasoning prefix, a model): a string that is
/// not interchangeable with other strings or with other identifiers. Encodes as the bare string
/// (the standard library's `RawRepresentable` coding), compares by it, and prints as it.
public protocol Identifier: RawRepresentable<String>, Hashable, Comparable, Codable, Sendable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    init(rawValue: String)
}

extension Identifier {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
