import CodeSearch
import Evaluation
import Foundation
import Inference
import O1CoderCore
import Reasoning
import Sampling

extension SelfPlayLoop {
    /// pass@k of the policy `model` on the held-out problems: ``SelfPlayConfiguration/evaluationSamples``
    /// zero-shot direct answers per problem at the search's sampling settings, graded on the
    /// hidden tests. Each problem's record is appended to the round's ledger when it is graded,
    /// so a killed evaluation resumes without resampling finished problems.
    func sampledEvaluation(_ model: any LanguageModel, round: Int, problems: [Problem]) async throws -> SelfPlayState.SampledEvaluation {
        let samples = configuration.evaluationSamples
        let ledger = JSONLLedger<Sampling.SampledProblem>(path: roundDirectory(round) + "/evaluation-samples.jsonl")
        var done = Dictionary(try ledger.records().map { ($0.taskID, $0) }, uniquingKeysWith: { first, _ in first })
        let pending = problems.filter { done[$0.id] == nil }
        if !pending.isEmpty {
            let sampler = ProblemSampler(
                model: model, prompts: zeroShot, sandbox: sandbox,
                configuration: SamplingConfiguration(
                    style: .direct, samplingProtocol: .independent(samples: samples), sampling: configuration.search.sampling,
                    fewShotExamples: 0, limits: configuration.search.limits))
            for problem in pending {
                let record = try await sampler.sample(problem)
                try ledger.append(record)
                done[problem.id] = record
            }
        }
        let graded = problems.compactMap { done[$0.id] }
        let counts = graded.map { (samples: $0.sampleCount, correct: $0.passedCount) }
        var passAtK: [Int: Double] = [:]
        for k in [1, 5, 10] where k <= samples {
            if let value = PassAtK.mean(counts, k: k) { passAtK[k] = value }
        }
        return SelfPlayState.SampledEvaluation(
            samples: samples, temperature: configuration.search.sampling.temperature, passAtK: passAtK,
            correct: Dictionary(graded.map { ($0.taskID.rawValue, $0.passedCount) }, uniquingKeysWith: { first, _ in first }))
    }
}
