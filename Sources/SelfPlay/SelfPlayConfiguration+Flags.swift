import CodeSearch
import Execution
import Inference
import Search
import TestGeneration
import Training

extension SelfPlayConfiguration {
    /// The standard search and the default training, with what a self-play run usually varies:
    /// one seed for search, sampling and training; curriculum off at window 0.
    public init(
        rollouts: Int, width: Int, trainingSteps: Int, learningRate: Double, threads: Int, seed: UInt64, namePrefix: String,
        preferenceUpdate: Bool, evaluationSamples: Int, curriculumWindow: Int, pairRanking: PairRanking = .standard,
        evaluationASPR: ASPRSettings? = nil, evaluationSearchBudget: Int? = nil, processReward: ProcessRewardLoop? = nil,
        testGeneration: Bool = false
    ) {
        var search = CodeSearchConfiguration.standard
        search.search.rollouts = rollouts
        search.search.width = width
        search.search.seed = seed
        search.sampling.seed = seed
        var training = TrainingHyperparameters()
        training.maxSteps = trainingSteps
        training.learningRate = learningRate
        training.threads = threads
        training.seed = seed
        self.init(
            search: search, training: training, namePrefix: namePrefix, preferenceUpdate: preferenceUpdate,
            evaluationSamples: evaluationSamples, curriculum: curriculumWindow > 0 ? Curriculum(window: curriculumWindow) : nil,
            pairRanking: pairRanking, evaluationASPR: evaluationASPR, evaluationSearchBudget: evaluationSearchBudget,
            processReward: processReward,
            testGeneration: testGeneration ? Self.testGeneration(seed: seed, limits: search.limits) : nil)
    }

    /// The loop's TCG settings: the `tcg generate` defaults (5 tests per prompt, one completion,
    /// at most 20 kept, T 0.7), seeded by the run's seed, under the search's sandbox limits.
    static func testGeneration(seed: UInt64, limits: ExecutionLimits) -> TestGenerationConfiguration {
        var c = TestGenerationConfiguration(limits: limits)
        c.sampling.seed = seed
        return c
    }
}
