/// The running state of a ``RepetitionGuard`` over text that arrives in pieces.
public struct RepetitionDetector: Sendable, Hashable {
    public let rule: RepetitionGuard
    /// Finished lines (trailing whitespace removed) and the UTF-8 offset just past each one's newline.
    private var lines: [String] = []
    private var ends: [Int] = []
    private var visible: [Int] = []
    private var partial: [UInt8] = []
    private var consumed = 0
    private var fired: Int?

    public init(guard rule: RepetitionGuard) {
        self.rule = rule
    }

    /// Adds text; returns the UTF-8 length of the text to keep when the guard fires (then and on
    /// every later call), nil otherwise.
    public mutating func append(_ text: String) -> Int? {
        if let fired { return fired }
        for byte in text.utf8 {
            consumed += 1
            guard byte == 0x0A else {
                partial.append(byte)
                continue
            }
            let line = String(decoding: partial, as: UTF8.self).trimmingTrailingSpaces()
            partial.removeAll(keepingCapacity: true)
            lines.append(line)
            ends.append(consumed)
            visible.append(line.unicodeScalars.count { !$0.properties.isWhitespace })
            if let keep = check() {
                fired = keep
                return keep
            }
        }
        return nil
    }

    /// Whether the newest line completes `minRepeats` copies of a block; the keep length if so.
    private func check() -> Int? {
        let k = rule.minRepeats
        for b in 1...rule.maxBlockLines where lines.count >= b * k {
            let start = lines.count - b * k
            let blockVisible = visible[start..<(start + b)].reduce(0, +)
            guard blockVisible >= rule.minCharacters else { continue }
            var repeated = true
            for i in (start + b)..<lines.count where lines[i] != lines[start + (i - start) % b] {
                repeated = false
                break
            }
            if repeated { return ends[start + b - 1] }
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var scalars = unicodeScalars[...]
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
