/// Finds stop strings in generated text that arrives in pieces, including stop strings that span
/// several tokens. Text that could still be the beginning of a stop string is held back, so the
/// text released never contains any part of a stop string.
public struct StopStringMatcher: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Text safe to emit now (possibly empty).
        case text(String)
        /// A stop string was found: the text before it (not yet emitted) ends the generation.
        case stopped(String)
    }

    private let stops: [[UInt8]]
    private var held: [UInt8] = []

    public init(stopStrings: [String]) {
        stops = stopStrings.map { Array($0.utf8) }.filter { !$0.isEmpty }
    }

    /// Adds decoded text (whole characters) and reports what can be emitted.
    public mutating func append(_ text: String) -> Outcome {
        held.append(contentsOf: text.utf8)
        guard !stops.isEmpty else { return .text(release(held.count)) }
        if let at = firstMatch() {
            let before = String(decoding: held.prefix(at), as: UTF8.self)
            held.removeAll()
            return .stopped(before)
        }
        return .text(release(held.count - longestSuffixThatStartsAStop()))
    }

    /// Releases whatever is held back (end of generation without a stop string).
    public mutating func finish() -> String { release(held.count) }

    private mutating func release(_ n: Int) -> String {
        let out = String(decoding: held.prefix(n), as: UTF8.self)
        held.removeFirst(n)
        return out
    }

    private func firstMatch() -> Int? {
        var best: Int?
        for s in stops where s.count <= held.count {
            var i = 0
            while i + s.count <= held.count {
                if held[i] == s[0], held[i..<(i + s.count)].elementsEqual(s) {
                    if best.map({ i < $0 }) ?? true { best = i }
                    break
                }
                i += 1
            }
        }
        return best
    }

    private func longestSuffixThatStartsAStop() -> Int {
        var longest = 0
        for s in stops {
            let maxLen = min(s.count - 1, held.count)
            guard maxLen > longest else { continue }
            for len in stride(from: maxLen, to: longest, by: -1)
            where held[(held.count - len)...].elementsEqual(s[0..<len]) {
                longest = len
                break
            }
        }
        return longest
    }
}
