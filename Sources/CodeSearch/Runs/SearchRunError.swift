/// A search run cannot go on with what it recorded (a usage error: the user fixes the invocation).
public enum SearchRunError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The run rewards with generated tests but recorded no tests file.
    case missingGeneratedTests
    /// The recorded search settings are invalid (the messages of `SearchConfiguration.validationErrors()`).
    case invalidConfiguration([String])
    /// A comparison arm that searches with a PRM was asked for without one.
    case missingProcessRewardModel(arm: String)

    public var description: String {
        switch self {
        case .missingGeneratedTests: "This run rewards with generated tests but recorded no --generated-tests file."
        case .invalidConfiguration(let errors): errors.joined(separator: "; ")
        case .missingProcessRewardModel(let arm): "The arm \(arm) searches with a process reward model: pass --prm NAME (a model from `o1coder train prm`)."
        }
    }
}
