public import Execution
public import Inference
public import O1CoderCore
public import Reasoning
public import Search
#if canImport(Glibc)
import Glibc
#endif

/// The O1-CODER search domain: the policy proposes pseudocode/code steps through a language model
/// (one request of `count` samples, so the engine shares the prefix), and a code step is
/// rewarded by running its program against the problem's search tests in the sandbox.
public struct CodeReasoningDomain: SearchDomain {
    public typealias Step = ReasoningStep
    public let problem: Problem
    public let generator: StepGenerator
    public let sandbox: any Sandbox
    public let configuration: CodeSearchConfiguration
    /// The tests that reward the search (a seeded subset of the problem's tests).
    public let searchTests: TestSuite
    public let log: ExecutionLog
    /// Scores candidate steps for the priors when `configuration.processReward` is set.
    public let processRewards: (any ProcessRewardModel)?

    public init(
        problem: Problem, generator: StepGenerator, sandbox: any Sandbox, configuration: CodeSearchConfiguration,
        searchTests: TestSuite, log: ExecutionLog, processRewards: (any ProcessRewardModel)? = nil
    ) {
        self.processRewards = processRewards
        self.problem = problem
        self.generator = generator
        self.sandbox = sandbox
        self.configuration = configuration
        self.searchTests = searchTests
        self.log = log
    }

    public func propose(
        after steps: [ReasoningStep], count: Int, mustTerminate: Bool, variant: UInt64, tokenLimit: Int?
    ) async throws -> Proposal<ReasoningStep> {
        var parameters = configuration.sampling
        if let tokenLimit { parameters.maxTokens = min(parameters.maxTokens, tokenLimit) }
        // Distinct seeds per expansion, derived from the prefix (and the search's variant: a
        // retry, or a node's identity), so re-expanding is reproducible.
        parameters.seed = configuration.derivedSeed(
            configuration.sampling.seed, key: problem.id.rawValue + "\u{1}" + steps.map(\.rendered).joined()) ^ variant
        let expansion = try await generator.nextSteps(
            for: problem, after: ReasoningTrace(steps: steps), count: count, parameters: parameters,
            forcing: mustTerminate ? .code : nil)
        let parsed = expansion.candidates.compactMap { c in c.step.map { (c, $0) } }
        log.add(expansion.usage, unparsable: expansion.candidates.count - parsed.count)
        // Prior for PUCT: softmax over the candidates' mean token log-probability.
        let means = parsed.map { c, _ in c.logProbs.isEmpty ? 0 : c.totalLogProb / Double(c.logProbs.count) }
        let top = means.max() ?? 0
        let weights = means.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        var priors = weights.map { total > 0 ? $0 / total : 1 }
        if let guidance = configuration.processReward, let processRewards, !parsed.isEmpty {
            priors = try await Self.blend(
                priors, with: parsed.map { steps + [$0.1] }, problem: problem.prompt, model: processRewards, weight: guidance.weight)
        }
        let candidates = parsed.enumerated().map { i, pair in
            SearchTree<ReasoningStep>.Candidate(
                step: pair.1, prior: priors[i], isTerminal: pair.1.isTerminal,
                generatedTokens: pair.0.tokenCount, logProb: pair.0.logProbs.isEmpty ? nil : pair.0.totalLogProb)
        }
        let tokens = expansion.candidates.reduce(0) { $0 + $1.tokenCount }
        return Proposal(candidates: candidates, generatedTokens: tokens)
    }

    /// (1 − weight) · `priors` + weight · each path's last PRM score normalised over the paths.
    static func blend(
        _ priors: [Double], with paths: [[ReasoningStep]], problem: String, model: any ProcessRewardModel, weight: Double
    ) async throws -> [Double] {
        var scores: [Double] = []
        for path in paths {
            scores.append(try await model.scores(problem: problem, steps: path.map(\.rendered)).last ?? 0)
        }
        let total = scores.reduce(0, +)
        return zip(priors, scores).map { prior, score in
            (1 - weight) * prior + weight * (total > 0 ? score / total : 1 / Double(paths.count))
        }
    }

    public func reward(of steps: [ReasoningStep]) async throws -> Double {
        guard let last = steps.last, let code = Self.code(of: last, entryPoint: problem.entryPoint) else { return 0 }
        let report: ProgramReport
        if let known = log.report(for: code) {
            report = known
        } else {
            report = try await sandbox.evaluate(
                solution: code, for: problem, suite: searchTests, limits: configuration.limits)
            log.record(code: code, report: report)
        }
        return configuration.reward(passRate: report.passRate, compiles: Self.compiles(report))
    }

    /// The program of a code step (the last python block; spec D15), nil when there is none.
    public static func code(of step: ReasoningStep, entryPoint: String?) -> String? {
        guard step.isTerminal else { return nil }
        return CodeExtractor.extract(from: step.text, entryPoint: entryPoint).code?.code
    }

    /// "Compiles" for reward shaping: loaded without error and reached at least one verdict (D2).
    public static func compiles(_ report: ProgramReport) -> Bool {
        switch report.verdict {
        case .compileError, .sandboxError: return false
        default: return !report.tests.isEmpty
        }
    }
}
