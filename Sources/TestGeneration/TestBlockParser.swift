public import O1CoderCore

/// Turns a model completion into proposed tests for one problem. Never traps; every block that
/// cannot be used is returned as a ``ParsedBlock`` with a ``TestParseFailure``.
///
/// Function tasks accept, in order of preference:
/// - a call `name(arg, ...)` (also `Solution().name(...)`, and `name(...) == value`, which
///   supplies the output inline);
/// - a literal argument list `[a, b]` / `(a, b)` (TACO's convention), or, when its length does
///   not fit the signature and the function takes one argument, that single argument;
/// - one literal per line, or `a, b` without brackets.
///
/// When no block is found, `assert name(args) == value` lines (what models often write instead)
/// are read as tests.
public struct TestBlockParser: Sendable {
    public var style: TaskStyle
    /// The entry point's signature, for arity checks (nil: arity is not checked).
    public var signature: FunctionSignature?
    /// Full mode: a test without a usable output is rejected. Inputs-only mode: outputs are
    /// ignored.
    public var requiresOutput: Bool

    public init(style: TaskStyle, signature: FunctionSignature?, requiresOutput: Bool) {
        self.style = style
        self.signature = signature
        self.requiresOutput = requiresOutput
    }

    /// A parser for `problem`, with the signature read from its reference solution or prompt.
    public init(problem: Problem, mode: TestGenerationMode) {
        var signature: FunctionSignature?
        if let entry = problem.entryPoint {
            signature = problem.referenceSolution.flatMap { FunctionSignature.find(named: entry, in: $0) }
                ?? FunctionSignature.find(named: entry, in: problem.prompt)
        }
        self.init(style: problem.style, signature: signature, requiresOutput: mode == .full)
    }

    /// All blocks in `completion`, in order. A completion with no block yields one
    /// `.noTestBlocks` rejection.
    public func parse(_ completion: String) -> [ParsedBlock] {
        var raw = TestBlockSegmenter.rawTests(in: completion)
        if raw.isEmpty, case .function = style {
            raw = assertionTests(in: completion)
        }
        guard !raw.isEmpty else {
            return [ParsedBlock(outcome: .rejected(.noTestBlocks), excerpt: completion)]
        }
        return raw.map { ParsedBlock(outcome: convert($0), excerpt: $0.input) }
    }

    // MARK: - Conversion

    private func convert(_ raw: TestBlockSegmenter.RawTest) -> ParsedBlock.Outcome {
        switch style {
        case .standardIO:
            let input = StandardText.normalized(raw.input)
            guard !input.isEmpty else { return .rejected(.emptyInput) }
            guard requiresOutput else { return .parsed(ProposedTest(input: .standardInput(input + "\n"))) }
            let output = StandardText.normalized(raw.output ?? "")
            guard !output.isEmpty else { return .rejected(.missingOutput) }
            return .parsed(ProposedTest(input: .standardInput(input + "\n"), output: .standardOutput(output)))
        case .function:
            return convertCall(raw)
        }
    }

    private func convertCall(_ raw: TestBlockSegmenter.RawTest) -> ParsedBlock.Outcome {
        let text = raw.input.trimmingWhitespace()
        guard !text.isEmpty else { return .rejected(.emptyInput) }
        guard let (args, inlineOutput) = Self.arguments(from: text, signature: signature) else {
            return .rejected(.inputNotLiteral)
        }
        if let signature, !signature.accepts(argumentCount: args.count) { return .rejected(.wrongArity) }
        guard PythonLiteral.list(args).jsonText != nil else { return .rejected(.notJSONRepresentable) }
        guard requiresOutput else { return .parsed(ProposedTest(input: .arguments(args))) }
        if let inlineOutput { return .parsed(ProposedTest(input: .arguments(args), output: .value(inlineOutput))) }
        guard let outputText = raw.output, !outputText.trimmingWhitespace().isEmpty else {
            return .rejected(.missingOutput)
        }
        guard let value = Self.value(from: outputText) else { return .rejected(.outputNotLiteral) }
        return .parsed(ProposedTest(input: .arguments(args), output: .value(value)))
    }

    /// A literal at the start of `text`, allowing trailing comments or prose but not an
    /// expression (`3 + 4` is not the literal 3).
    static func value(from text: String) -> PythonLiteral? {
        var body = text.trimmingWhitespace()
        if body.hasPrefix("`") && body.hasSuffix("`") && body.count >= 2 {
            body = String(body.dropFirst().dropLast())
        }
        if let whole = PythonLiteralParser.parse(body) { return whole }
        guard let (value, rest) = PythonLiteralParser.parsePrefix(body) else { return nil }
        let trimmed = rest.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return value }
        guard let first = rest.first, first == " " || first == "\n" || first == "\t",
            let next = trimmed.first, next.isLetter
        else { return nil }
        // Trailing prose: accept only if it is not a Python keyword that continues an expression.
        let word = trimmed.prefix { $0.isLetter }
        return ["if", "and", "or", "for", "in", "is", "not", "else"].contains(String(word)) ? nil : value
    }

    /// Arguments from a function-task input, and an output given inline (`f(1) == 2`).
    static func arguments(
        from text: String, signature: FunctionSignature?
    ) -> (args: [PythonLiteral], inlineOutput: PythonLiteral?)? {
        var body = text
        if body.hasPrefix("assert ") { body = String(body.dropFirst(7)).trimmingWhitespace() }
        if let call = callArguments(body) { return call }
        let fits: ([PythonLiteral]) -> Bool = { signature?.accepts(argumentCount: $0.count) ?? true }
        if let whole = PythonLiteralParser.parse(body) {
            if let elements = whole.sequenceElements, fits(elements) { return (elements, nil) }
            return ([whole], nil)
        }
        let lines = body.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        if lines.count > 1 {
            let perLine = lines.compactMap { PythonLiteralParser.parse($0) }
            if perLine.count == lines.count, fits(perLine) { return (perLine, nil) }
        }
        if let sequence = PythonLiteralParser.parseSequence(body) { return (sequence, nil) }
        if let value = value(from: body) {
            if let elements = value.sequenceElements, fits(elements) { return (elements, nil) }
            return ([value], nil)
        }
        return nil
    }

    /// `name(args)`, `obj.name(args)`, `Solution().name(args)`, optionally followed by
    /// `== value` or a comment.
    static func callArguments(_ text: String) -> (args: [PythonLiteral], inlineOutput: PythonLiteral?)? {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, first.properties.isAlphabetic || first == "_" else { return nil }
        var i = 0
        while true {
            while i < scalars.count, scalars[i].properties.isAlphabetic || scalars[i] == "_" || scalars[i] == "."
                || ("0"..."9").contains(scalars[i])
            {
                i += 1
            }
            guard i < scalars.count, scalars[i] == "(", let inner = balancedContents(scalars, openingAt: i) else {
                return nil
            }
            let end = i + inner.unicodeScalars.count + 2
            if end < scalars.count, scalars[end] == "." {
                i = end + 1
                continue
            }
            guard let args = PythonLiteralParser.parseSequence(inner) else { return nil }
            let rest = String(String.UnicodeScalarView(scalars[min(end, scalars.count)...])).trimmingWhitespace()
            if rest.isEmpty || rest.hasPrefix("#") { return (args, nil) }
            if rest.hasPrefix("=="), let value = value(from: String(rest.dropFirst(2))) { return (args, value) }
            return nil
        }
    }

    /// `assert name(args) == value` lines anywhere in the completion.
    private func assertionTests(in completion: String) -> [TestBlockSegmenter.RawTest] {
        completion.replacingCRLF().split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingWhitespace()
            guard trimmed.hasPrefix("assert ") else { return nil }
            return TestBlockSegmenter.RawTest(input: trimmed, output: nil)
        }
    }
}
