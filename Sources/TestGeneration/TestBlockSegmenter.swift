/// Finds input and output sections in a model completion, tolerating the usual mess: blocks
/// without fences, markers outside fences with the content fenced below them, separate
/// ```` ```input ```` / ```` ```output ```` fences, `Input:`/`**Output:**` spellings, inline
/// content after the marker, CRLF line ends, unclosed fences and trailing prose.
///
/// Rules (see docs/tcg.md):
/// - A marker is a line that, after leading `#`, `*`, `-`, `>` and spaces, starts with `input`
///   or `output` / `expected output` / `expected` (any case), optionally a number, then `:`.
/// - Inside a fence a section runs to the next marker or the closing fence; outside fences, to
///   the next marker, fence or blank line. An unclosed fence ends its section at a blank line.
struct TestBlockSegmenter {
    enum Kind { case input, output }

    struct RawTest: Hashable {
        var input: String
        var output: String?
    }

    private struct Section {
        var kind: Kind
        var lines: [String]
        /// Whether the content comes from a fence (started inside one, or a fence opened right
        /// after the marker).
        var isFenced: Bool
    }

    static func rawTests(in completion: String) -> [RawTest] {
        let lines = completion.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var sections: [(Kind, String)] = []
        var active: Section?
        var inFence = false

        func finish(cutAtBlank: Bool = false) {
            guard var section = active else { return }
            active = nil
            if cutAtBlank, let firstContent = section.lines.firstIndex(where: { !isBlank($0) }),
                let blank = section.lines[firstContent...].firstIndex(where: isBlank)
            {
                section.lines = Array(section.lines[..<blank])
            }
            sections.append((section.kind, section.lines.joined(separator: "\n")))
        }

        for line in lines {
            if let info = fenceInfo(line) {
                if inFence {
                    inFence = false
                    if active?.isFenced == true { finish() }
                    continue
                }
                inFence = true
                switch info {
                case "input", "in", "stdin":
                    finish()
                    active = Section(kind: .input, lines: [], isFenced: true)
                case "output", "out", "stdout", "expected":
                    finish()
                    active = Section(kind: .output, lines: [], isFenced: true)
                default:
                    if var section = active, !section.isFenced, section.lines.allSatisfy(isBlank) {
                        section.isFenced = true
                        section.lines = []
                        active = section
                    } else {
                        finish()
                    }
                }
                continue
            }
            if let (kind, inline) = marker(line) {
                finish()
                active = Section(kind: kind, lines: inline.isEmpty ? [] : [inline], isFenced: inFence)
                continue
            }
            guard var section = active else { continue }
            if !inFence && section.isFenced {
                // Text after the fence that held the content: the section is over.
                finish()
                continue
            }
            if isBlank(line) && !inFence && !section.lines.allSatisfy(isBlank) {
                finish()
                continue
            }
            section.lines.append(line)
            active = section
        }
        finish(cutAtBlank: inFence)

        var tests: [RawTest] = []
        var lastHasOutput = true
        for (kind, text) in sections {
            switch kind {
            case .input:
                tests.append(RawTest(input: text, output: nil))
                lastHasOutput = false
            case .output:
                guard !lastHasOutput, !tests.isEmpty else { continue }
                tests[tests.count - 1].output = text
                lastHasOutput = true
            }
        }
        return tests
    }

    /// The info string of a fence line (lowercased, may be empty), or nil for other lines.
    static func fenceInfo(_ line: String) -> String? {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix("```") else { return nil }
        return trimmed.drop { $0 == "`" }.trimmingWhitespace().lowercased()
    }

    /// The section kind and inline content of a marker line.
    static func marker(_ line: String) -> (Kind, String)? {
        var rest = Substring(line)
        rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "#" || $0 == "*" || $0 == "-" || $0 == ">" }
        let lower = rest.lowercased()
        let kind: Kind
        let wordLength: Int
        if lower.hasPrefix("input") {
            (kind, wordLength) = (.input, 5)
        } else if lower.hasPrefix("expected output") {
            (kind, wordLength) = (.output, 15)
        } else if lower.hasPrefix("output") {
            (kind, wordLength) = (.output, 6)
        } else if lower.hasPrefix("expected") {
            (kind, wordLength) = (.output, 8)
        } else {
            return nil
        }
        rest = rest.dropFirst(wordLength)
        rest = rest.drop { $0 == " " || $0.isNumber || $0 == "*" }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == "*" }
        var inline = rest.trimmingWhitespace()
        if inline.count >= 2, inline.hasPrefix("`"), inline.hasSuffix("`"), !inline.hasPrefix("```") {
            inline = String(inline.dropFirst().dropLast())
        }
        return (kind, inline)
    }

    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
