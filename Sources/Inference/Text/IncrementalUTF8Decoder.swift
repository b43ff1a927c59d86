/// Turns a stream of byte chunks (token pieces) into text, holding back an incomplete UTF-8
/// sequence at the end of a chunk until the bytes that complete it arrive. One per stream.
public struct IncrementalUTF8Decoder: Sendable, Hashable {
    private var pending: [UInt8] = []

    public init() {}

    /// Bytes received but not yet returned (an incomplete code point).
    public var pendingByteCount: Int { pending.count }

    /// Appends `bytes` and returns every complete character decoded so far (invalid sequences
    /// become U+FFFD).
    public mutating func decode(_ bytes: [UInt8]) -> String {
        pending.append(contentsOf: bytes)
        let cut = completePrefixLength(pending)
        let ready = pending.prefix(cut)
        pending.removeFirst(cut)
        return String(decoding: ready, as: UTF8.self)
    }

    /// Returns whatever is left (an incomplete sequence decodes to U+FFFD) and resets.
    public mutating func flush() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// Length of the longest prefix that does not end inside a multi-byte sequence.
    private func completePrefixLength(_ b: [UInt8]) -> Int {
        // Look back at most 3 bytes for the lead byte of the last sequence.
        var i = b.count - 1
        var continuation = 0
        while i >= 0, continuation < 3, b[i] & 0xC0 == 0x80 {
            continuation += 1
            i -= 1
        }
        guard i >= 0 else { return b.count }
        let lead = b[i]
        let needed: Int
        switch lead {
        case 0xC0...0xDF: needed = 1
        case 0xE0...0xEF: needed = 2
        case 0xF0...0xF7: needed = 3
        default: return b.count  // ASCII or invalid lead: nothing to wait for
        }
        return continuation < needed ? i : b.count
    }
}
