/// A training tool failure: what went wrong and what to do. Kinds mirror the runner's
/// (`badData`, `missingBase`, `environment`, …) so the CLI can name the cause.
public struct TrainingError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case badData = "bad_data"
        case badJob = "bad_job"
        case missingBase = "missing_base"
        case environment
        case conversionFailed = "conversion_failed"
        case interrupted
        case conflict
        /// A `--config` file that does not parse or names unknown keys (never from the runner).
        case badConfiguration = "bad_configuration"
        case failed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
