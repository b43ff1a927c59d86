import CodeSearch
import Inference
import Search
import Training

extension SelfPlayConfiguration {
    /// The standard search and the default training, with what a self-play run usually varies:
    /// one seed for search, sampling and training; curriculum off at window 0.
    public init(
        rollouts: Int, width: Int, trainingSteps: Int, learningRate: Double, threads: Int, seed: UInt64, namePrefix: String,
        preferenceUpdate: Bool, evaluationSamples: Int, curriculumWindow: Int, pairRanking: PairRanking = .standard,
        evaluationASPR: ASPRSettings? = nil, evaluationSearchBudget: Int? = nil, processReward: ProcessRewardLoop? = nil
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
            processReward: processReward)
    }
}
