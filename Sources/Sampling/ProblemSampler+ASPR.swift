internal import Inference
import O1CoderCore
import Reasoning

extension ProblemSampler {
    /// m prefixes, then n code completions after each (see the type's documentation).
    func asprSamples(_ problem: Problem, prefixes m: Int, completions n: Int) async throws -> DraftBatch {
        var usage = TokenUsage()
        var prefixes: [PrefixDraft] = []
        switch configuration.style {
        case .direct:
            let messages = prompts.messages(for: problem, style: .direct)
            let (drafts, used) = try await fencedCompletions(problem, messages: messages, prefixText: "", prefixIndex: 0, count: n)
            usage = usage + used
            prefixes = [PrefixDraft(index: 0, text: "", trace: nil, end: .none, generatedTokens: 0, completions: drafts)]
        case .evalplus:
            // Like direct: one empty prefix; the prompt's own assistant turn already opens the fence.
            let messages = prompts.messages(for: problem, style: .evalplus)
            let (drafts, used) = try await fencedCompletions(
                problem, messages: Array(messages.dropLast()), prefixText: "", prefixIndex: 0, count: n,
                answerPrefix: messages.last?.content)
            usage = usage + used
            prefixes = [PrefixDraft(index: 0, text: "", trace: nil, end: .none, generatedTokens: 0, completions: drafts)]
        case .chainOfThought:
            let generator = AnswerGenerator(model: model, prompts: prompts)
            var parameters = configuration.sampling
            parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, stage: 1, index: 0)
            let batch = try await generator.sample(for: problem, style: .chainOfThought, count: m, parameters: parameters)
            usage = usage + batch.usage
            let messages = prompts.messages(for: problem, style: .chainOfThought)
            for (index, answer) in batch.answers.enumerated() {
                let (text, end) = ChainOfThoughtPrefix.split(answer.rawText)
                let (drafts, used) = try await fencedCompletions(
                    problem, messages: messages, prefixText: text, prefixIndex: index, count: n)
                usage = usage + used
                prefixes.append(
                    PrefixDraft(index: index, text: text, trace: nil, end: end, generatedTokens: answer.tokenCount, completions: drafts))
            }
        case .pseudocode:
            let generator = StepGenerator(model: model, prompts: prompts)
            let (grown, used) = try await pseudocodePrefixes(problem, generator: generator, count: m)
            usage = usage + used
            for (index, prefix) in grown.enumerated() {
                var parameters = configuration.sampling
                parameters.maxTokens = configuration.codeMaxTokens
                parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, stage: 3, index: index)
                let expansion = try await generator.nextSteps(
                    for: problem, after: prefix.trace, count: n, parameters: parameters, forcing: .code)
                usage = usage + expansion.usage
                let drafts = expansion.candidates.enumerated().map { i, candidate in
                    CompletionDraft(index: i, rawText: candidate.rawText, extraction: Self.extraction(candidate.outcome),
                        extraIssues: candidate.outcome.issues, tokens: candidate.tokenCount, stopReason: candidate.stopReason)
                }
                prefixes.append(
                    PrefixDraft(index: index, text: prefix.trace.rendered, trace: prefix.trace, end: prefix.end,
                        generatedTokens: prefix.tokens, completions: drafts))
            }
        }
        return DraftBatch(prefixes: prefixes, usage: usage)
    }

    /// The code of a forced code step, or why there is none.
    static func extraction(_ outcome: StepParseOutcome) -> CodeExtraction {
        switch outcome {
        case .parsed(_, let code?, _): .found(code)
        case .parsed: .failed(.noCode)
        case .unparsable(let failure, _): .failed(failure)
        }
    }

    /// n continuations of `messages` + an assistant turn holding `prefixText` and an opened python
    /// fence (or `answerPrefix`, which must end in one), stopped at the closing fence.
    func fencedCompletions(
        _ problem: Problem, messages: [ChatMessage], prefixText: String, prefixIndex: Int, count: Int,
        answerPrefix: String? = nil
    ) async throws -> ([CompletionDraft], TokenUsage) {
        let opening = "```python\n"
        let partial = answerPrefix ?? (prefixText.isEmpty ? opening : prefixText + "\n\n" + opening)
        var parameters = configuration.sampling
        parameters.maxTokens = configuration.codeMaxTokens
        parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, stage: 2, index: prefixIndex)
        parameters.stop = answerPrefix == nil ? ["```"] : AnswerGenerator.fenceStops
        let request = GenerationRequest(
            prompt: .chat(messages + [.assistant(partial)]), parameters: parameters, n: count, wantsLogProbs: false)
        let result = try await model.generate(request)
        let drafts = result.completions.enumerated().map { i, completion in
            let closed = opening + completion.text + "\n```"
            let truncated: [ParseIssue] =
                switch completion.stopReason {
                case .maxTokens: [.truncated]
                case .repetition: [.repetitionStopped]
                default: []
                }
            return CompletionDraft(
                index: i, rawText: completion.text,
                extraction: CodeExtractor.extract(from: closed, entryPoint: problem.entryPoint), extraIssues: truncated,
                tokens: completion.tokens.count, stopReason: completion.stopReason)
        }
        return (drafts, result.usage)
    }

    /// A pseudocode prefix grown step by step.
    struct GrownPrefix: Sendable {
        var trace = ReasoningTrace()
        var end = PrefixEnd.stepCap
        var tokens = 0
        var open = true
    }

    /// Grows `count` prefixes: the first steps in one request of `count` samples (shared prompt),
    /// then each prefix on its own until it ends.
    func pseudocodePrefixes(_ problem: Problem, generator: StepGenerator, count: Int) async throws
        -> ([GrownPrefix], TokenUsage)
    {
        var usage = TokenUsage()
        var prefixes = [GrownPrefix](repeating: GrownPrefix(), count: count)
        var parameters = configuration.sampling
        parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, stage: 4, index: 0)
        let first = try await generator.nextSteps(for: problem, after: ReasoningTrace(), count: count, parameters: parameters)
        usage = usage + first.usage
        for (index, candidate) in first.candidates.prefix(count).enumerated() {
            prefixes[index].absorb(candidate, cap: configuration.maxPrefixSteps)
        }
        for index in prefixes.indices {
            var depth = 1
            while prefixes[index].open {
                parameters.seed = SeedDerivation.seed(
                    configuration.sampling.seed, problem: problem.id, stage: 5 + depth, index: index)
                let next = try await generator.nextSteps(
                    for: problem, after: prefixes[index].trace, count: 1, parameters: parameters)
                usage = usage + next.usage
                guard let candidate = next.candidates.first else {
                    prefixes[index].end = .unparsableStep
                    prefixes[index].open = false
                    break
                }
                prefixes[index].absorb(candidate, cap: configuration.maxPrefixSteps)
                depth += 1
            }
        }
        return (prefixes, usage)
    }
}

extension ProblemSampler.GrownPrefix {
    /// Takes one generated step: a non-code step extends the prefix; a code step, an unparsable
    /// or truncated step, or reaching `cap` steps closes it.
    mutating func absorb(_ candidate: StepCandidate, cap: Int) {
        tokens += candidate.tokenCount
        guard let step = candidate.step, candidate.stopReason != .maxTokens else {
            end = .unparsableStep
            open = false
            return
        }
        if step.isTerminal {
            end = .modelChoseCode
            open = false
            return
        }
        trace = trace.appending(step)
        if trace.steps.count >= cap {
            end = .stepCap
            open = false
        }
    }
}

/// Splits a chain-of-thought answer into its reasoning prefix and the code.
public enum ChainOfThoughtPrefix {
    /// The text before the last line opening a python fence (trailing whitespace removed), or the
    /// whole text when there is no such line.
    public static func split(_ answer: String) -> (prefix: String, end: PrefixEnd) {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false)
        let opener = lines.lastIndex { line in
            let t = line.drop { $0 == " " || $0 == "\t" }
            guard t.hasPrefix("```") else { return false }
            let tag = String(t.drop { $0 == "`" }).filter { !$0.isWhitespace }.lowercased()
            return ["python", "py", "python3", "py3"].contains(tag)
        }
        guard let opener else { return (trimTrailing(answer), .noCodeFence) }
        return (trimTrailing(lines[..<opener].joined(separator: "\n")), .modelChoseCode)
    }

    static func trimTrailing(_ text: String) -> String {
        var s = Substring(text)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
