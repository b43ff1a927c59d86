/// Splits model output into raw step segments, in the canonical tag format or the legacy Markdown
/// header format (`### Step k: … (Action n)`, optionally wrapped in `<Step_Begin>`/`<Step_End>`).
struct StepSegmenter {
    /// One step as found in the text, before its action is decided.
    struct Segment: Equatable {
        /// The action label as written (tag attribute or a header's "Action n"), if any.
        var label: String?
        /// The step's text, with delimiters and echoed headers removed.
        var content: String
        /// Whether the step ended with its end delimiter.
        var hasEnd: Bool
    }

    struct Result: Equatable {
        var segments: [Segment] = []
        var issues: [ParseIssue] = []
        var usedLegacyHeaders = false
    }

    /// Segments `text` (already newline-normalised). Tag format wins when any `<step` tag exists.
    static func segment(_ text: String) -> Result {
        let chars = Array(text)
        let tags = scanTags(chars)
        if tags.contains(where: { $0.isOpening }) { return segmentTags(chars, tags: tags) }
        return segmentHeaders(text)
    }

    // MARK: Tag format

    private struct Tag {
        var range: Range<Int>
        var isOpening: Bool
        var attributes: String
    }

    /// `<step …>` and `</step>` tags, matched case-insensitively.
    private static func scanTags(_ c: [Character]) -> [Tag] {
        var tags: [Tag] = []
        var i = 0
        while i < c.count {
            guard c[i] == "<" else {
                i += 1
                continue
            }
            let closing = i + 1 < c.count && c[i + 1] == "/"
            let nameStart = i + (closing ? 2 : 1)
            guard matches(c, at: nameStart, "step"), nameStart + 4 < c.count else {
                i += 1
                continue
            }
            let after = c[nameStart + 4]
            guard after == ">" || after == " " || after == "\t" else {
                i += 1
                continue
            }
            guard let end = c[(nameStart + 4)...].firstIndex(of: ">"), !c[(nameStart + 4)..<end].contains("<") else {
                i += 1
                continue
            }
            tags.append(Tag(range: i..<(end + 1), isOpening: !closing, attributes: String(c[(nameStart + 4)..<end])))
            i = end + 1
        }
        return tags
    }

    private static func matches(_ c: [Character], at index: Int, _ word: String) -> Bool {
        var i = index
        for w in word {
            guard i < c.count, c[i].lowercased() == String(w) else { return false }
            i += 1
        }
        return true
    }

    private static func segmentTags(_ c: [Character], tags: [Tag]) -> Result {
        var result = Result()
        var open: (tag: Tag, start: Int)?
        var cursor = 0
        func noteOutside(_ range: Range<Int>) {
            let text = String(c[range]).trimmingWhitespace()
            if !text.isEmpty, text.contains(where: { $0 != "-" }) {
                if !result.issues.contains(.textOutsideSteps) { result.issues.append(.textOutsideSteps) }
            }
        }
        func close(at end: Int, hasEnd: Bool) {
            guard let current = open else { return }
            let raw = String(c[current.start..<end])
            let (content, echoed) = stripEchoedHeaders(raw)
            let index = result.segments.count
            if echoed { result.issues.append(.duplicateHeader(step: index)) }
            if !hasEnd { result.issues.append(.missingStepEnd(step: index)) }
            result.segments.append(Segment(label: attributeValue("action", in: current.tag.attributes) ?? headerLabel(raw),
                                           content: content, hasEnd: hasEnd))
            open = nil
        }
        for tag in tags {
            if tag.isOpening {
                if let current = open {
                    if String(c[current.start..<tag.range.lowerBound]).trimmingWhitespace().isEmpty {
                        // A doubled opening tag: keep the later one.
                        result.issues.append(.duplicateHeader(step: result.segments.count))
                        open = nil
                    } else {
                        close(at: tag.range.lowerBound, hasEnd: false)
                    }
                } else {
                    noteOutside(cursor..<tag.range.lowerBound)
                }
                open = (tag, tag.range.upperBound)
            } else if open != nil {
                close(at: tag.range.lowerBound, hasEnd: true)
            }
            cursor = tag.range.upperBound
        }
        if open != nil {
            close(at: c.count, hasEnd: false)
        } else {
            noteOutside(cursor..<c.count)
        }
        return result
    }

    /// The value of `name="…"` (or `name='…'`, or unquoted) in a tag's attribute text.
    static func attributeValue(_ name: String, in attributes: String) -> String? {
        guard let start = attributes.indices.first(where: { attributes[$0...].lowercased().hasPrefix(name) })
        else { return nil }
        var rest = attributes[start...].dropFirst(name.count).drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        if let quote = rest.first, quote == "\"" || quote == "'" {
            return String(rest.dropFirst().prefix { $0 != quote })
        }
        return String(rest.prefix { $0 != " " && $0 != "/" })
    }

    // MARK: Header format

    /// If `line` starts with a step header (`### Step 3:`, `**Step 3.**`, `Step 3 -`), the step
    /// number and the rest of the line.
    static func header(in line: Substring) -> (number: Int, rest: Substring)? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        if rest.lowercased().hasPrefix("<step_begin>") { rest = rest.dropFirst("<step_begin>".count).drop { $0 == " " } }
        rest = rest.drop { $0 == "#" || $0 == " " || $0 == "*" }
        guard rest.lowercased().hasPrefix("step") else { return nil }
        rest = rest.dropFirst(4).drop { $0 == " " }
        let digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == "*" || $0 == " " }
        guard let first = rest.first else { return (number, rest) }
        guard ":.-)".contains(first) else { return nil }
        return (number, rest.dropFirst().drop { $0 == "*" || $0 == " " })
    }

    /// Removes step headers echoed at the start of a tagged step's text (`### Step 2:`), keeping
    /// any title after them. Returns the cleaned text and whether a header was removed.
    private static func stripEchoedHeaders(_ raw: String) -> (String, Bool) {
        var text = Substring(raw.trimmingWhitespace())
        var echoed = false
        while let found = header(in: text) {
            text = found.rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            echoed = true
        }
        return (String(text).trimmingWhitespace(), echoed)
    }

    /// "Action n" in the first non-blank line of `text`.
    private static func headerLabel(_ text: String) -> String? {
        guard let line = text.split(separator: "\n").first(where: { !$0.trimmingWhitespace().isEmpty }),
            let number = ActionLabelScanner.firstActionNumber(in: String(line))
        else { return nil }
        return String(number)
    }

    private static func segmentHeaders(_ text: String) -> Result {
        var result = Result()
        var current: (label: String?, lines: [Substring])?
        var outside = false
        func flush() {
            guard let step = current else { return }
            var lines = step.lines
            while let last = lines.last, isDelimiterLine(last) { lines.removeLast() }
            let content = lines.map { stripStepTokens($0) }.joined(separator: "\n").trimmingWhitespace()
            result.segments.append(Segment(label: step.label ?? headerLabel(content), content: content, hasEnd: true))
            current = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let found = header(in: line) {
                var rest = found.rest
                var duplicate = false
                while let again = header(in: rest), again.number == found.number {
                    rest = again.rest
                    duplicate = true
                }
                if let step = current, step.lines.allSatisfy({ $0.trimmingWhitespace().isEmpty }), step.label == nil {
                    duplicate = true  // a header line repeated on the next line
                    current = nil
                } else {
                    flush()
                }
                if duplicate { result.issues.append(.duplicateHeader(step: result.segments.count)) }
                let label = ActionLabelScanner.firstActionNumber(in: String(rest)).map(String.init)
                current = (label, rest.trimmingWhitespace().isEmpty ? [] : [rest])
            } else if current != nil {
                current?.lines.append(line)
            } else if !isDelimiterLine(line) {
                outside = true
            }
        }
        flush()
        if !result.segments.isEmpty {
            result.usedLegacyHeaders = true
            result.issues.insert(.legacyHeaders, at: 0)
            if outside { result.issues.append(.textOutsideSteps) }
        }
        return result
    }

    /// Blank lines, `---` rules and bare `<Step_End>`/`<Step_Begin>` markers.
    private static func isDelimiterLine(_ line: Substring) -> Bool {
        let t = stripStepTokens(line).trimmingWhitespace()
        return t.isEmpty || (t.count >= 3 && t.allSatisfy { $0 == "-" })
    }

    private static func stripStepTokens(_ line: Substring) -> String {
        var s = String(line)
        for token in ["<Step_Begin>", "<Step_End>", "<step_begin>", "<step_end>"] {
            while let r = s.firstRange(of: token) { s.removeSubrange(r) }
        }
        return s
    }
}
