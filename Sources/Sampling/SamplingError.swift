/// Why a sampling run or report could not proceed: the one error type of the `Sampling` module.
/// (Failing and unparsable samples are results, not errors.)
public struct SamplingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The output directory holds a run with another configuration, model or dataset.
        case configurationMismatch
        /// The output directory or one of its files cannot be read or decoded.
        case unreadableRun
        /// A result file cannot be written.
        case unwritable
    }

    public var code: Code
    public var path: String
    public var detail: String

    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .configurationMismatch:
            return "\(path) already holds a sampling run with a different setup (\(detail)). "
                + "Rerun with the recorded options to resume it, or choose another --out."
        case .unreadableRun:
            return "\(path): cannot read the sampling run: \(detail). Is this a directory written by `o1coder sample`?"
        case .unwritable:
            return "\(path): cannot write: \(detail). Check the permissions and free space of --out."
        }
    }
}
