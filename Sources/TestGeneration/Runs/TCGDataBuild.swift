import Datasets
public import Execution
public import O1CoderCore

/// One `tcg data`: TCG training records (SFT or DPO) from problems with ground-truth tests.
/// Every problem draws from its own generator, derived from `seed` and its id, so a problem's
/// records do not depend on the rest of the selection.
public struct TCGDataBuild: Sendable {
    public var kind: TCGDataKind
    public var options: TCGTrainingOptions
    /// DPO: known-wrong mutants per problem whose outputs make wrong-solution negatives (0: none).
    public var wrongSolutions: Int
    public var seed: UInt64
    public var limits: ExecutionLimits

    public init(kind: TCGDataKind, options: TCGTrainingOptions, wrongSolutions: Int, seed: UInt64, limits: ExecutionLimits) {
        self.kind = kind
        self.options = options
        self.wrongSolutions = wrongSolutions
        self.seed = seed
        self.limits = limits
    }

    /// Whether the records need a sandbox (DPO with wrong-solution negatives runs mutants).
    public var needsSandbox: Bool { kind == .dpo && wrongSolutions > 0 }

    /// Problems whose ground truth can be trusted: TACO rows whose stored outputs were not
    /// verified against a solution (`verification.result != "pass"`) are left out unless asked.
    public static func usable(_ problems: [Problem], includeUnverified: Bool) -> [Problem] {
        problems.filter { includeUnverified || $0.hasVerifiedTests }
    }

    /// The records of `problems` as JSONL, with counts.
    /// - Parameters:
    ///   - sandbox: runs the mutants of the wrong-solution negatives; nil builds without them.
    ///   - progress: a line every 10 problems when a sandbox is used (the slow case).
    public func build(_ problems: [Problem], sandbox: (any Sandbox)?, progress: (String) -> Void) async throws -> TCGDataset {
        var dataset = TCGDataset(kind: kind, problems: problems.count)
        for (index, problem) in problems.enumerated() {
            var rng = SeedDerivation.generator(seed, key: problem.id.rawValue)
            switch kind {
            case .sft:
                let records = TCGTrainingData.sftExamples(for: problem, options: options, using: &rng)
                try dataset.add(records, negatives: [])
            case .dpo:
                let wrong = try await wrongOutputs(for: problem, sandbox: sandbox)
                let pairs = TCGTrainingData.dpoPairs(for: problem, wrongOutputs: wrong, options: options, using: &rng)
                try dataset.add(pairs.map(\.record), negatives: pairs.map(\.negative))
                if sandbox != nil, (index + 1) % 10 == 0 || index + 1 == problems.count {
                    progress("[\(index + 1)/\(problems.count)] \(dataset.count) pairs so far")
                }
            }
        }
        return dataset
    }

    /// Outputs of known-wrong mutants of the reference on the ground-truth inputs.
    func wrongOutputs(for problem: Problem, sandbox: (any Sandbox)?) async throws -> [WrongSolutionOutputs] {
        guard let sandbox, wrongSolutions > 0, problem.referenceSolution != nil else { return [] }
        let mutants = try await MutantGenerator(sandbox: sandbox, limits: limits).knownWrongMutants(
            of: problem, maxKnownWrong: wrongSolutions, maxEvaluations: wrongSolutions * 4,
            seed: SeedDerivation.seed(seed, problem: problem.id, stage: 1))
        return try await TCGTrainingData.wrongOutputs(
            of: mutants.knownWrong, problem: problem, runner: ReferenceRunner(sandbox: sandbox, limits: limits))
    }
}
