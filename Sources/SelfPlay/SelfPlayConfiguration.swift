public import CodeSearch
public import Training

/// The settings of a self-play run, recorded in its directory with the state.
public struct SelfPlayConfiguration: Codable, Sendable, Equatable {
    /// Search settings of every round (the standard preset by default).
    public var search: CodeSearchConfiguration
    /// The policy update of every round: SFT on the round's correct traces.
    public var training: TrainingHyperparameters
    /// Trained models are named `<namePrefix>-r<round>`.
    public var namePrefix: String

    public init(search: CodeSearchConfiguration = .standard, training: TrainingHyperparameters = .init(), namePrefix: String) {
        self.search = search
        self.training = training
        self.namePrefix = namePrefix
    }
}
