public import Evaluation
public import Inference
public import O1CoderCore
public import Reasoning

/// Why a reasoning prefix ended where it did.
public enum PrefixEnd: String, Codable, Sendable, Hashable {
    /// No reasoning (direct style, or independent whole answers).
    case none
    /// The model chose the code action (pseudocode) or opened the code fence (chain of thought).
    case modelChoseCode
    /// ``SamplingConfiguration/maxPrefixSteps`` was reached; code was forced.
    case stepCap
    /// A step could not be parsed (or hit the token limit); the prefix is the steps before it.
    case unparsableStep
    /// A chain-of-thought answer held no code fence: the whole answer is the prefix.
    case noCodeFence
}

/// One graded program (a whole answer, or a code completion after a prefix).
public struct CompletionRecord: Codable, Sendable, Hashable {
    /// 0-based index within its prefix.
    public var index: Int
    /// What the model generated for this sample (the whole answer, or the code continuation).
    public var rawText: String
    /// The program run in the sandbox; nil when nothing usable was extracted.
    public var code: String?
    /// Why no program could be extracted (``ParseFailure/kind``), when `code` is nil.
    public var parseFailure: String?
    /// Parse issues noted (``ParseIssue/kind``), e.g. `entryPointNotDefined`, `truncated`.
    public var parseIssues: [String]
    /// Verdict name (`passed`, `failed`, `timeout`, …, or `unparsable`).
    public var verdict: String
    /// All run tests passed.
    public var passed: Bool
    /// Fraction of run tests that passed (0 when unparsable).
    public var passRate: Double
    /// Failure message or traceback tail.
    public var message: String?
    public var generatedTokens: Int
    public var stopReason: StopReason

    public init(
        index: Int, rawText: String, code: String?, parseFailure: String?, parseIssues: [String], verdict: String,
        passed: Bool, passRate: Double, message: String?, generatedTokens: Int, stopReason: StopReason
    ) {
        self.index = index
        self.rawText = rawText
        self.code = code
        self.parseFailure = parseFailure
        self.parseIssues = parseIssues
        self.verdict = verdict
        self.passed = passed
        self.passRate = passRate
        self.message = message
        self.generatedTokens = generatedTokens
        self.stopReason = stopReason
    }
}

/// One reasoning prefix and the completions sampled after it.
public struct PrefixRecord: Codable, Sendable, Hashable {
    /// 0-based index among the problem's prefixes.
    public var index: Int
    /// The prefix as text: the rendered steps (pseudocode), the prose before the code (chain of
    /// thought), or empty.
    public var text: String
    /// The prefix's steps (pseudocode only).
    public var trace: ReasoningTrace?
    public var end: PrefixEnd
    /// Tokens generated for the prefix itself.
    public var generatedTokens: Int
    public var completions: [CompletionRecord]

    public init(
        index: Int, text: String, trace: ReasoningTrace?, end: PrefixEnd, generatedTokens: Int,
        completions: [CompletionRecord]
    ) {
        self.index = index
        self.text = text
        self.trace = trace
        self.end = end
        self.generatedTokens = generatedTokens
        self.completions = completions
    }

    /// At least one completion passed (the prefix is "correct" in the ASPR sense).
    public var isCorrect: Bool { completions.contains(where: \.passed) }
}

/// Everything sampled and graded for one problem: one line of `problems.jsonl`.
public struct SampledProblem: Codable, Sendable, Hashable {
    public var taskID: ProblemID
    /// For independent sampling, one prefix (`end == .none`) holding every whole answer.
    public var prefixes: [PrefixRecord]
    public var usage: TokenUsage
    /// Wall time spent on the problem (generation and execution).
    public var seconds: Double
    /// Pseudocode style: per reasoning text (a prefix, or a whole answer without its code), the
    /// share of its word 6-grams found in the library's two examples for the problem's shape
    /// (``FewShotOverlap``); nil for other styles and for records written before it existed.
    public var fewShotOverlap: [Double]?

    public init(taskID: ProblemID, prefixes: [PrefixRecord], usage: TokenUsage, seconds: Double, fewShotOverlap: [Double]? = nil) {
        self.taskID = taskID
        self.prefixes = prefixes
        self.usage = usage
        self.seconds = seconds
        self.fewShotOverlap = fewShotOverlap
    }

    /// Every graded program, prefix by prefix.
    public var completions: [CompletionRecord] { prefixes.flatMap(\.completions) }
    /// Graded programs.
    public var sampleCount: Int { completions.count }
    /// Programs that passed.
    public var passedCount: Int { completions.count { $0.passed } }
    /// The problem as ASPR's input: each prefix with its completions' outcomes.
    public var asprProblem: ASPRSamples.Problem {
        ASPRSamples.Problem(
            id: taskID, prefixes: prefixes.map { ASPRSamples.Prefix(id: PrefixID("\($0.index)"), passed: $0.completions.map(\.passed)) })
    }
}
