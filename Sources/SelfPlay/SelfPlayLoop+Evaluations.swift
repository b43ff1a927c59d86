import CodeSearch
import Evaluation
import Inference
import O1CoderCore
import Reasoning
import Sampling

extension SelfPlayLoop {
    /// ASPR of the policy `model` on the held-out problems: pseudocode prefixes built step by step
    /// with the search's prompts and sampling, then code completions after each, graded on the
    /// hidden tests. Each problem's record goes to the round's ledger as it is graded, so a killed
    /// evaluation resumes without resampling finished problems.
    func asprEvaluation(
        _ model: any LanguageModel, _ settings: SelfPlayConfiguration.ASPRSettings, round: Int, problems: [Problem]
    ) async throws -> SelfPlayState.ASPREvaluation {
        let samplingProtocol = SamplingProtocol.aspr(prefixes: settings.prefixes, completions: settings.completions)
        let ledger = JSONLLedger<SampledProblem>(path: roundDirectory(round) + "/evaluation-aspr.jsonl")
        var done = Dictionary(try ledger.records().map { ($0.taskID, $0) }, uniquingKeysWith: { first, _ in first })
        let pending = problems.filter { done[$0.id] == nil }
        if !pending.isEmpty {
            let sampler = ProblemSampler(
                model: model, prompts: searchPrompts, sandbox: sandbox,
                configuration: SamplingConfiguration(
                    style: .pseudocode, samplingProtocol: samplingProtocol, sampling: configuration.search.sampling,
                    fewShotExamples: searchPrompts.maxExamples, limits: configuration.search.limits))
            for problem in pending {
                let record = try await sampler.sample(problem)
                try ledger.append(record)
                done[problem.id] = record
            }
        }
        let graded = problems.compactMap { done[$0.id] }
        let summary = SamplingSummary(records: graded, samplingProtocol: samplingProtocol)
        let perProblem = ASPR.compute(ASPRSamples(problems: graded.map(\.asprProblem))).perProblem
        return SelfPlayState.ASPREvaluation(
            prefixes: settings.prefixes, completions: settings.completions, value: summary.aspr?.value,
            problemsWithCorrectPrefix: summary.aspr?.problemsWithCorrectPrefix ?? 0, problems: graded.count, passAt1: summary.passAt1,
            perProblem: Dictionary(perProblem.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The standard MCTS with the policy `model` at `budget` generated tokens per held-out
    /// problem, through the compute-matched comparison's arm (the same stop rule and answer
    /// selection as `bench-search`); resumable through the round's ledger.
    func searchEvaluation(_ model: any LanguageModel, budget: Int, round: Int, problems: [Problem]) async throws -> SelfPlayState.SearchEvaluation {
        let comparison = ComputeMatchedComparison(
            model: model, prompts: searchPrompts, sandbox: sandbox, configuration: configuration.search, rewardTests: rewardTests,
            arms: [.mctsStandard], budgets: [budget],
            ledger: JSONLLedger<ComparisonRecord>(path: roundDirectory(round) + "/evaluation-search.jsonl"))
        let records = try await comparison.run(problems).filter { $0.arm == .mctsStandard && $0.budget == budget }
        let solved = records.count(where: \.solved)
        return SelfPlayState.SearchEvaluation(
            budget: budget, solved: solved, problems: records.count, interval: .wilson(successes: solved, trials: records.count),
            meanTokens: records.isEmpty ? 0 : Double(records.reduce(0) { $0 + $1.generatedTokens }) / Double(records.count),
            outcomes: Dictionary(records.map { ($0.problem.rawValue, $0.solved) }, uniquingKeysWith: { first, _ in first }))
    }
}
