public import TestGeneration
public import O1CoderCore

/// What a self-play run has done so far, saved after every stage (`selfplay.json`), so a killed
/// run resumes at the first unfinished stage and a later run with more rounds extends it. It is
/// also the lineage: which policy searched, what data (by sha256) it produced, which model that
/// trained, and how each policy scored on the held-out problems.
public struct SelfPlayState: Codable, Sendable, Equatable {
    public var basePolicy: String
    /// Round 0 is the base policy's evaluation; round r ≥ 1 searches with round r−1's policy.
    public var rounds: [Round]

    public init(basePolicy: String) {
        self.basePolicy = basePolicy
        rounds = []
    }

    public struct Round: Codable, Sendable, Equatable {
        public var index: Int
        /// The policy that searched in this round (and was trained from).
        public var searchPolicy: String
        /// The tests the search policy wrote for the training problems (with the TCG in the loop).
        public var tests: TestsStage?
        public var searchRun: RunID?
        public var searchFinished = false
        /// Training problems the curriculum left out of this round's search.
        public var curriculumDropped: [ProblemID]?
        public var data: DataFiles?
        /// The SFT model of a round that also runs DPO (the DPO's parent); nil otherwise.
        public var sftModel: String?
        /// The model trained this round (the DPO model when there was one); nil when there was
        /// nothing to train on.
        public var trainedModel: String?
        public var trainingDone = false
        /// Why the policy was left unchanged, when it was.
        public var note: String?
        /// The process reward model trained after this round (with a PRM in the loop).
        public var prm: PRMStage?
        /// The policy after this round, evaluated on the held-out problems.
        public var policy: String?
        public var evaluation: Evaluation?

        public init(index: Int, searchPolicy: String) {
            self.index = index
            self.searchPolicy = searchPolicy
        }
    }

    /// A round's generated tests: the file (`tcg generate`'s format), its sha256 and its counts.
    public struct TestsStage: Codable, Sendable, Equatable {
        public var file: String
        public var sha256: String
        /// The policy that wrote them.
        public var generator: String
        public var problems: Int
        public var problemsWithTests: Int
        public var tests: Int
    }

    public struct DataFiles: Codable, Sendable, Equatable {
        public var sft: String
        public var sftRecords: Int
        public var sftSHA256: String
        public var dpo: String
        public var dpoRecords: Int
        public var dpoSHA256: String
        /// Training problems the search solved (verified on their hidden tests).
        public var solvedProblems: Int
        public var searchedProblems: Int
        /// The PRM whose step scores φ used to rank the DPO pairs; nil: the tree's values.
        public var dpoScoredBy: String? = nil
        /// The search's reward against the hidden tests over its terminals (every terminal is
        /// verified on both): how far the reward tests, generated ones included, can be trusted.
        public var rewardAgreement: AgreementMatrix? = nil
    }

    /// The PRM of a round: trained from the base policy on the point-wise process data of every
    /// round so far (one file, by sha256); `model` is nil while no round has produced any.
    public struct PRMStage: Codable, Sendable, Equatable {
        public var data: String
        public var records: Int
        public var sha256: String
        public var model: String?
    }

    /// Greedy pass@1 of a policy on the held-out problems (their hidden tests).
    public struct Evaluation: Codable, Sendable, Equatable {
        public var policy: String
        public var solved: Int
        public var problems: Int
        public var interval: ProportionInterval
        /// Per problem, in problem order: what a paired test between rounds needs.
        public var outcomes: [String: Bool]
        /// pass@k from sampled answers, with ``SelfPlayConfiguration/evaluationSamples`` > 0.
        public var sampled: SampledEvaluation?
        /// ASPR of pseudocode reasoning, with ``SelfPlayConfiguration/evaluationASPR``.
        public var aspr: ASPREvaluation?
        /// MCTS solved at a fixed token budget, with ``SelfPlayConfiguration/evaluationSearchBudget``.
        public var search: SearchEvaluation?
    }

    /// ASPR (pseudocode, m prefixes × n completions per problem) of a policy on the held-out
    /// problems, graded on their hidden tests.
    public struct ASPREvaluation: Codable, Sendable, Equatable {
        public var prefixes: Int
        public var completions: Int
        /// Nil when no problem has a correct prefix.
        public var value: Double?
        public var problemsWithCorrectPrefix: Int
        public var problems: Int
        /// Mean pass fraction over every problem's m × n programs.
        public var passAt1: Double?
        /// Per problem with a correct prefix, its ASPR (paired comparisons between rounds).
        public var perProblem: [String: Double]
    }

    /// The standard MCTS at a fixed budget of generated tokens per held-out problem (public-test
    /// rewards, stop at the first answer passing them); solved = the chosen answer passes the
    /// hidden tests.
    public struct SearchEvaluation: Codable, Sendable, Equatable {
        public var budget: Int
        public var solved: Int
        public var problems: Int
        public var interval: ProportionInterval
        public var meanTokens: Double
        public var outcomes: [String: Bool]
    }

    /// pass@k (Chen et al.'s unbiased estimator) from `samples` answers per held-out problem.
    public struct SampledEvaluation: Codable, Sendable, Equatable {
        public var samples: Int
        public var temperature: Double
        /// `k` → mean pass@k over the problems, for k in 1, 5, 10 up to `samples`.
        public var passAtK: [Int: Double]
        /// Per problem, the answers that pass its hidden tests.
        public var correct: [String: Int]
    }

    /// The policy in force after the last finished round.
    public var currentPolicy: String { rounds.last(where: { $0.evaluation != nil })?.policy ?? basePolicy }
}
