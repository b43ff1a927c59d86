/// Finds the Python program in a model's answer (direct, chain-of-thought, or a code step).
///
/// The rule, in order (spec D15: one consistent rule everywhere, the *last* block):
/// 1. the last fence tagged `python`/`py`/`python3` (closed or not);
/// 2. otherwise the last untagged fence whose content reads as code;
/// 3. otherwise, with no usable fence: the whole text when every non-blank line reads as Python
///    (``ExtractedCode/Source/wholeText``);
/// 4. otherwise the last run of Python-looking lines that starts at top level, between prose
///    (``ExtractedCode/Source/unfencedLines``);
/// 5. otherwise ``ParseFailure/noCode``.
///
/// Fences tagged with another language (`pseudo`, `text`, `bash`…) are never taken. "Reads as
/// Python" is a line heuristic (``PythonSource``): indented lines, comments, decorators, imports,
/// compound statements ending in `:`, simple statements, assignments and calls count as code;
/// anything else is prose. When `entryPoint` is given and the code binds no such top-level name,
/// ``ParseIssue/entryPointNotDefined(expected:defined:)`` is recorded (the code is still returned:
/// running it will fail, which is the honest outcome).
public enum CodeExtractor {
    public static func extract(from text: String, entryPoint: String? = nil) -> CodeExtraction {
        let normalized = text.replacingCRLF()
        guard !normalized.trimmingWhitespace().isEmpty else { return .failed(.emptyOutput) }
        var issues: [ParseIssue] = []
        let blocks = FencedBlock.scan(normalized)
        let python = blocks.filter(\.isPython)
        let untagged = blocks.filter { $0.isUntagged && PythonSource.isCodeLike($0.content) }

        let code: String
        let source: ExtractedCode.Source
        if let last = python.last ?? untagged.last {
            let candidates = python.isEmpty ? untagged.count : python.count
            if candidates > 1 { issues.append(.multipleCodeBlocks(count: candidates)) }
            if python.isEmpty { issues.append(.untaggedFence) }
            if !last.isClosed { issues.append(.unclosedFence) }
            code = last.content
            source = python.isEmpty ? .untaggedFence : .pythonFence
        } else if !blocks.contains(where: { !$0.isUntagged }), PythonSource.isCodeLike(normalized) {
            code = normalized
            source = .wholeText
        } else if let run = PythonSource.codeRuns(in: unfencedText(normalized, blocks: blocks)).last {
            issues.append(.proseAroundCode)
            code = run
            source = .unfencedLines
        } else {
            return .failed(.noCode)
        }

        let trimmed = code.trimmingBlankLines()
        guard !trimmed.trimmingWhitespace().isEmpty else { return .failed(.noCode) }
        let names = PythonSource.topLevelNames(in: trimmed)
        if let entryPoint, !names.contains(entryPoint) {
            issues.append(.entryPointNotDefined(expected: entryPoint, defined: names))
        }
        return .found(ExtractedCode(code: trimmed, source: source, definedNames: names, issues: issues))
    }

    /// `text` with the lines of non-Python fences removed, so pseudocode is never taken as code.
    private static func unfencedText(_ text: String, blocks: [FencedBlock]) -> String {
        guard !blocks.isEmpty else { return text }
        var kept: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingWhitespace()
            if t.hasPrefix("```") || t.hasPrefix("~~~") {
                inside.toggle()
                kept.append("")
                continue
            }
            kept.append(inside ? "" : line)
        }
        return kept.joined(separator: "\n")
    }
}

extension String {
    /// The text with `\r\n` and lone `\r` turned into `\n`.
    func replacingCRLF() -> String {
        guard utf8.contains(13) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if ch == "\r\n" || ch == "\r" { out.append("\n") } else { out.append(ch) }
        }
        return out
    }

    /// The text without leading and trailing blank lines (indentation of the first line is kept).
    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.trimmingWhitespace().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingWhitespace().isEmpty { lines.removeLast() }
        return lines.map { $0.trimmingTrailingWhitespace() }.joined(separator: "\n")
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> String { String(self).trimmingTrailingWhitespace() }
}
