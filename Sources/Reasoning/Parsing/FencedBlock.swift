/// A Markdown code fence found in model output.
struct FencedBlock: Sendable, Hashable {
    /// The language tag, lowercased (empty when absent).
    var language: String
    /// The lines between the fences, joined with newlines.
    var content: String
    /// Whether a closing fence was found (otherwise the block runs to the end of the text).
    var isClosed: Bool

    /// Tags that mean Python.
    static let pythonTags: Set<String> = ["python", "py", "python3", "py3"]

    var isPython: Bool { Self.pythonTags.contains(language) }
    var isUntagged: Bool { language.isEmpty }

    /// All fences in `text`, in order. A fence line starts (after indentation) with three or more
    /// backticks or tildes; the rest of the opening line is the tag. A block closes at the next
    /// line made only of a fence of the same character at least as long; a block without one runs
    /// to the end. A closing fence glued to the last code line (`return x````) also closes it.
    static func scan(_ text: String) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (marker: Character, length: Int, language: String, lines: [String])?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let trimmed = line.trimmingWhitespace()
            if let current = open {
                if let fence = fenceRun(trimmed), fence.marker == current.marker, fence.length >= current.length,
                    fence.rest.isEmpty
                {
                    blocks.append(.init(language: current.language, content: current.lines.joined(separator: "\n"), isClosed: true))
                    open = nil
                } else if current.marker == "`", trimmed.hasSuffix("```"), !trimmed.hasPrefix("`") {
                    var lines = current.lines
                    lines.append(String(line.dropLast(3 + (line.count - line.trimmingTrailingWhitespace().count))))
                    blocks.append(.init(language: current.language, content: lines.joined(separator: "\n"), isClosed: true))
                    open = nil
                } else {
                    open?.lines.append(line)
                }
            } else if let fence = fenceRun(trimmed) {
                let tag = fence.rest.prefix { !$0.isWhitespace && $0 != "{" }.lowercased()
                open = (fence.marker, fence.length, tag, [])
            }
        }
        if let current = open {
            blocks.append(.init(language: current.language, content: current.lines.joined(separator: "\n"), isClosed: false))
        }
        return blocks
    }

    /// A run of three or more backticks or tildes at the start of `line`, and what follows it.
    private static func fenceRun(_ line: String) -> (marker: Character, length: Int, rest: String)? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let run = line.prefix { $0 == first }
        guard run.count >= 3 else { return nil }
        let rest = line.dropFirst(run.count)
        if first == "`", rest.contains("`") { return nil }  // inline code such as ```x```
        return (first, run.count, rest.trimmingWhitespace())
    }
}

extension String {
    /// The string without trailing whitespace.
    func trimmingTrailingWhitespace() -> String {
        var scalars = unicodeScalars[...]
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
