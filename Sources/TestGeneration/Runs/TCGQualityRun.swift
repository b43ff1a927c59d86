public import Evaluation
public import Execution
public import O1CoderCore

/// One `tcg eval`: the quality metrics of a tests file's suites on the selected problems,
/// against the reference, known-wrong solutions (mutants, failing samples) and ground truth.
public struct TCGQualityRun: Sendable {
    public var evaluator: TestQualityEvaluator
    /// Known-wrong mutants per problem (0: none).
    public var maxMutants: Int
    /// Seed of the mutant order.
    public var seed: UInt64

    public init(sandbox: any Sandbox, limits: ExecutionLimits, maxMutants: Int, seed: UInt64) {
        evaluator = TestQualityEvaluator(sandbox: sandbox, limits: limits)
        self.maxMutants = maxMutants
        self.seed = seed
    }

    /// Evaluates the problems the tests file covers; the others are reported as missing.
    /// - Parameters:
    ///   - samples: programs by problem; failing ones add known-wrong solutions, all of them are
    ///     agreement candidates.
    ///   - source: the dataset and file names the report carries.
    public func evaluate(
        _ problems: [Problem], tests: TCGTestsFile.Contents, samples: [ProblemID: [Sample]], source: Source,
        log: (String) -> Void, progress: (TCGQualityProgress) -> Void
    ) async throws -> TCGEvaluation {
        let generated = tests.byProblem
        let covered = problems.filter { generated[$0.id] != nil }
        let missing = problems.filter { generated[$0.id] == nil }.map(\.id.rawValue)
        if !missing.isEmpty {
            log("warning: \(missing.count) selected problems are not in \(source.testsFile); they are left out")
        }
        let start = ContinuousClock.now
        var records: [TestQualityRecord] = []
        var totals = TCGGenerationTotals()
        for (index, problem) in covered.enumerated() {
            guard let tests = generated[problem.id] else { continue }
            let programs = (samples[problem.id] ?? []).map { $0.program(for: problem) }
            let record = try await evaluator.evaluate(
                problem: problem, generated: tests, failingSamples: programs, candidates: programs,
                maxMutants: maxMutants, seed: seed)
            records.append(record)
            totals.add(tests.report)
            progress(TCGQualityProgress(done: index + 1, total: covered.count, tests: tests, record: record))
        }
        return TCGEvaluation(
            dataset: source.dataset, testsFile: source.testsFile, samplesFile: source.samplesFile,
            missingProblems: missing, generation: totals, records: records,
            seconds: start.elapsedSeconds)
    }

    /// What the report names: the dataset, the tests file and the samples file (when one was given).
    public struct Source: Sendable {
        public var dataset: String
        public var testsFile: String
        public var samplesFile: String?

        public init(dataset: String, testsFile: String, samplesFile: String?) {
            self.dataset = dataset
            self.testsFile = testsFile
            self.samplesFile = samplesFile
        }
    }
}
