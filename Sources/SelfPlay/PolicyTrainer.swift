public import Training

/// The training effect of the loop (ModelTrainer in production; a counting wrapper in tests).
public protocol PolicyTrainer: Sendable {
    func train(_ request: TrainingRequest, restart: Bool, progress: @escaping @Sendable (TrainingPhase) -> Void) async throws -> TrainedModel
}

extension ModelTrainer: PolicyTrainer {}
