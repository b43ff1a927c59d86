public import CodeSearch
public import TestGeneration
public import Training

/// The settings of a self-play run, recorded in its directory with the state.
public struct SelfPlayConfiguration: Codable, Sendable, Equatable {
    /// Search settings of every round (the standard preset by default).
    public var search: CodeSearchConfiguration
    /// The policy update of every round: SFT on the round's correct traces.
    public var training: TrainingHyperparameters
    /// Trained models are named `<namePrefix>-r<round>`.
    public var namePrefix: String
    /// After SFT, a DPO update on the round's preference pairs (a verified-correct trace against
    /// one verified to fail), from the SFT model; then the SFT model is `<namePrefix>-r<round>-sft`.
    public var preferenceUpdate: Bool
    /// Sampled answers per held-out problem (at the search's temperature) for pass@k, besides
    /// the greedy pass@1; 0 for greedy only.
    public var evaluationSamples: Int
    /// Drops problems always or never solved in the last searches from the next one; nil keeps all.
    public var curriculum: Curriculum?
    /// What the DPO pairs are ranked by.
    public var pairRanking: PairRanking
    /// ASPR of every policy on the held-out problems (pseudocode reasoning, the search's prompts
    /// and sampling); nil leaves it out.
    public var evaluationASPR: ASPRSettings?
    /// Held-out problems solved by the standard MCTS at this many generated tokens per problem;
    /// nil leaves it out.
    public var evaluationSearchBudget: Int?

    /// A process reward model in the loop: trained after every round on the process data of all
    /// rounds so far, it shapes the search's priors (PUCT) from round 2; nil: no PRM.
    public var processReward: ProcessRewardLoop?

    /// The test-case generator in the loop: before each round's search the search policy writes
    /// tests for the training problems (inputs-only where a reference exists: the reference
    /// supplies the outputs), and the search is rewarded by the public tests and those. The hidden
    /// tests still decide "solved" and never reach the reward. nil: public tests alone.
    public var testGeneration: TestGenerationConfiguration?

    public struct ProcessRewardLoop: Codable, Sendable, Equatable {
        /// Share of PUCT's prior the PRM decides (0: the policy's alone, 1: the PRM's alone).
        public var weight: Double
        public init(weight: Double = 0.5) { self.weight = weight }
    }

    /// m reasoning prefixes per problem, n code completions after each.
    public struct ASPRSettings: Codable, Sendable, Equatable {
        public var prefixes: Int
        public var completions: Int
        public init(prefixes: Int, completions: Int) {
            self.prefixes = prefixes
            self.completions = completions
        }
    }

    public init(
        search: CodeSearchConfiguration = .standard, training: TrainingHyperparameters = .init(), namePrefix: String,
        preferenceUpdate: Bool = true, evaluationSamples: Int = 0, curriculum: Curriculum? = nil, pairRanking: PairRanking = .standard,
        evaluationASPR: ASPRSettings? = nil, evaluationSearchBudget: Int? = nil, processReward: ProcessRewardLoop? = nil,
        testGeneration: TestGenerationConfiguration? = nil
    ) {
        self.testGeneration = testGeneration
        self.search = search
        self.training = training
        self.namePrefix = namePrefix
        self.preferenceUpdate = preferenceUpdate
        self.evaluationSamples = max(0, evaluationSamples)
        self.curriculum = curriculum
        self.pairRanking = pairRanking
        self.evaluationASPR = evaluationASPR
        self.evaluationSearchBudget = evaluationSearchBudget
        self.processReward = processReward
    }

    enum CodingKeys: String, CodingKey {
        case search, training, namePrefix, preferenceUpdate, evaluationSamples, curriculum, pairRanking, evaluationASPR, evaluationSearchBudget,
            processReward, testGeneration
    }

    /// Directories recorded before the DPO stage, sampled evaluation and φ ranking existed keep their meaning.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        search = try c.decode(CodeSearchConfiguration.self, forKey: .search)
        training = try c.decode(TrainingHyperparameters.self, forKey: .training)
        namePrefix = try c.decode(String.self, forKey: .namePrefix)
        preferenceUpdate = try c.decodeIfPresent(Bool.self, forKey: .preferenceUpdate) ?? false
        evaluationSamples = try c.decodeIfPresent(Int.self, forKey: .evaluationSamples) ?? 0
        curriculum = try c.decodeIfPresent(Curriculum.self, forKey: .curriculum)
        pairRanking = try c.decodeIfPresent(PairRanking.self, forKey: .pairRanking) ?? .outcome
        evaluationASPR = try c.decodeIfPresent(ASPRSettings.self, forKey: .evaluationASPR)
        evaluationSearchBudget = try c.decodeIfPresent(Int.self, forKey: .evaluationSearchBudget)
        processReward = try c.decodeIfPresent(ProcessRewardLoop.self, forKey: .processReward)
        testGeneration = try c.decodeIfPresent(TestGenerationConfiguration.self, forKey: .testGeneration)
    }
}
