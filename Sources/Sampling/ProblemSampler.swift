import Evaluation
public import Execution
public import Inference
public import O1CoderCore
public import Reasoning

/// Samples and grades one problem under a ``SamplingConfiguration``: independent whole answers,
/// or ASPR's m reasoning prefixes × n code completions. Generation goes through any
/// ``LanguageModel`` and execution through any ``Sandbox``; the result is a value.
///
/// ASPR prefixes, per style:
/// - pseudocode: steps generated one at a time (``StepGenerator``, the model picks each action)
///   until the model picks the code action, a step is unparsable, or
///   ``SamplingConfiguration/maxPrefixSteps`` steps were written; the prefix is the steps before
///   the code. Completions: the code step forced (`<step action="code">`) after the prefix.
/// - chain of thought: a whole answer; the prefix is its text before the last python fence (the
///   whole text when there is none). Completions: the answer continued from the prefix and an
///   opened python fence, stopped at the closing fence.
/// - direct: one empty prefix; completions continue an opened python fence.
/// Unparsable outputs become failing samples with their reason; nothing is retried.
public struct ProblemSampler: Sendable {
    public var model: any LanguageModel
    public var prompts: PromptBuilder
    public var sandbox: any Sandbox
    public var configuration: SamplingConfiguration
    /// Sandbox executions in flight at once.
    public var workers: Int
    /// The bundled examples few-shot copying is measured against (pseudocode style), read once.
    let copyReference: FewShotLibrary?

    public init(
        model: any LanguageModel, prompts: PromptBuilder, sandbox: any Sandbox, configuration: SamplingConfiguration,
        workers: Int = 2
    ) {
        self.model = model
        self.prompts = prompts
        self.sandbox = sandbox
        self.configuration = configuration
        self.workers = max(1, workers)
        copyReference = try? FewShotLibrary.bundled()
    }

    /// Samples, extracts and grades every program of `problem`.
    /// - Throws: only tool failures (model, sandbox) and cancellation.
    public func sample(_ problem: Problem) async throws -> SampledProblem {
        let clock = ContinuousClock()
        let start = clock.now
        let drafts: DraftBatch
        switch configuration.samplingProtocol {
        case .independent(let samples):
            drafts = try await independentAnswers(problem, count: samples)
        case .aspr(let prefixes, let completions):
            drafts = try await asprSamples(problem, prefixes: prefixes, completions: completions)
        }
        let graded = try await grade(drafts.prefixes.map(\.completions), for: problem)
        let prefixes = zip(drafts.prefixes, graded).map { draft, completions in
            PrefixRecord(
                index: draft.index, text: draft.text, trace: draft.trace, end: draft.end,
                generatedTokens: draft.generatedTokens, completions: completions)
        }
        let seconds = (clock.now - start).seconds
        return SampledProblem(
            taskID: problem.id, prefixes: prefixes, usage: drafts.usage, seconds: seconds, fewShotOverlap: fewShotOverlap(prefixes, problem))
    }

    /// Pseudocode style only: how much of each reasoning text repeats the few-shot examples.
    func fewShotOverlap(_ prefixes: [PrefixRecord], _ problem: Problem) -> [Double]? {
        // Always against the bundled examples, whichever the prompt showed, so runs compare.
        guard configuration.style == .pseudocode, let copyReference else { return nil }
        let overlap = FewShotOverlap(library: copyReference, problem: problem, examples: 2)
        // Whole answers (independent sampling) carry their reasoning; an ASPR prefix is it (an
        // empty one has none).
        return prefixes.flatMap { prefix in
            prefix.end == .none
                ? prefix.completions.map { overlap.reasoningRate($0.rawText) } : prefix.text.isEmpty ? [] : [overlap.rate(prefix.text)]
        }
    }

    // MARK: - Independent whole answers

    func independentAnswers(_ problem: Problem, count: Int) async throws -> DraftBatch {
        let generator = AnswerGenerator(model: model, prompts: prompts)
        var parameters = configuration.sampling
        parameters.seed = SeedDerivation.seed(configuration.sampling.seed, problem: problem.id, stage: 0, index: 0)
        let batch = try await generator.sample(
            for: problem, style: configuration.style, count: count, parameters: parameters)
        let completions = batch.answers.enumerated().map { index, answer in
            CompletionDraft(answer: answer, index: index)
        }
        let prefix = PrefixDraft(index: 0, text: "", trace: nil, end: .none, generatedTokens: 0, completions: completions)
        return DraftBatch(prefixes: [prefix], usage: batch.usage)
    }

    // MARK: - Grading

    /// Runs every extracted program; unparsable drafts fail without running.
    func grade(_ groups: [[CompletionDraft]], for problem: Problem) async throws -> [[CompletionRecord]] {
        let suite = configuration.includePlusTests ? problem.tests : problem.tests.filtered { $0.group == .base }
        let jobs = groups.enumerated().flatMap { g, drafts in drafts.enumerated().map { (g, $0, $1) } }
        let sandbox = self.sandbox
        let limits = configuration.limits
        let includePlus = configuration.includePlusTests
        var records = groups.map { [CompletionRecord?](repeating: nil, count: $0.count) }
        try await withThrowingTaskGroup(of: (Int, Int, CompletionRecord).self) { group in
            var next = 0
            func addNext() {
                let (g, i, draft) = jobs[next]
                next += 1
                group.addTask {
                    guard let code = draft.code else { return (g, i, draft.unparsableRecord()) }
                    let report = try await sandbox.evaluate(solution: code, for: problem, suite: suite, limits: limits)
                    let result = SampleResult(taskID: problem.id, completionID: i, suite: suite, report: report)
                    let passed = includePlus ? (result.plusPassed ?? result.passed) : result.passed
                    return (g, i, draft.record(verdict: result.verdict.rawValue, passed: passed, passRate: result.passRate, message: result.message))
                }
            }
            while next < min(workers, jobs.count) { addNext() }
            while let (g, i, record) = try await group.next() {
                records[g][i] = record
                if next < jobs.count { addNext() }
            }
        }
        return records.map { $0.compactMap { $0 } }
    }
}

/// A sampled, not yet graded program.
struct CompletionDraft: Sendable {
    var index: Int
    var rawText: String
    var code: String?
    var parseFailure: String?
    var parseIssues: [String]
    var generatedTokens: Int
    var stopReason: StopReason

    init(answer: SampledAnswer, index: Int) {
        self.index = index
        rawText = answer.rawText
        code = answer.code.code?.code
        if case .failed(let failure) = answer.code { parseFailure = failure.kind }
        let issues = (answer.trace?.issues ?? []) + (answer.code.code?.issues ?? [])
        parseIssues = Self.kinds(issues)
        generatedTokens = answer.tokenCount
        stopReason = answer.stopReason
    }

    init(index: Int, rawText: String, extraction: CodeExtraction, extraIssues: [ParseIssue], tokens: Int, stopReason: StopReason) {
        self.index = index
        self.rawText = rawText
        code = extraction.code?.code
        if case .failed(let failure) = extraction { parseFailure = failure.kind }
        parseIssues = Self.kinds(extraIssues + (extraction.code?.issues ?? []))
        generatedTokens = tokens
        self.stopReason = stopReason
    }

    /// Issue kinds, each once, in first-seen order.
    static func kinds(_ issues: [ParseIssue]) -> [String] {
        var seen: Set<String> = []
        return issues.map(\.kind).filter { seen.insert($0).inserted }
    }

    func unparsableRecord() -> CompletionRecord {
        record(verdict: "unparsable", passed: false, passRate: 0, message: parseFailure)
    }

    func record(verdict: String, passed: Bool, passRate: Double, message: String?) -> CompletionRecord {
        CompletionRecord(
            index: index, rawText: rawText, code: code, parseFailure: parseFailure, parseIssues: parseIssues,
            verdict: verdict, passed: passed, passRate: passRate, message: message, generatedTokens: generatedTokens,
            stopReason: stopReason)
    }
}

/// A prefix and its ungraded completions.
struct PrefixDraft: Sendable {
    var index: Int
    var text: String
    var trace: ReasoningTrace?
    var end: PrefixEnd
    var generatedTokens: Int
    var completions: [CompletionDraft]
}

/// All drafts of one problem.
struct DraftBatch: Sendable {
    var prefixes: [PrefixDraft]
    var usage: TokenUsage
}
