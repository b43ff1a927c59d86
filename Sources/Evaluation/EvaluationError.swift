/// Why an evaluation could not run: the one error type of the `Evaluation` module.
/// (Failing programs are results, not errors.)
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The samples file is missing or unreadable.
        case unreadableSamples
        /// The samples file holds no samples.
        case emptySamples
        /// A samples line is not JSON or lacks `task_id` / `completion` / `solution`.
        case malformedSample
        /// A sample names a task the dataset does not have.
        case unknownTask
        /// The results file could not be written.
        case unwritableResults
        /// The oracle cache could not be written.
        case unwritableCache
        /// A problem needs something the evaluator cannot give (e.g. no reference solution).
        case unsupported
    }

    public var code: Code
    public var path: String?
    public var line: Int?
    public var detail: String

    public init(_ code: Code, path: String? = nil, line: Int? = nil, detail: String) {
        self.code = code
        self.path = path
        self.line = line
        self.detail = detail
    }

    public var description: String {
        let location = [path, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
        let prefix = location.isEmpty ? "" : "\(location): "
        switch code {
        case .unreadableSamples:
            return "\(prefix)cannot read the samples file: \(detail). Check --samples."
        case .emptySamples:
            return "\(prefix)the samples file holds no samples. Expected JSONL lines like "
                + "{\"task_id\": \"HumanEval/0\", \"completion\": \"...\"}."
        case .malformedSample:
            return "\(prefix)malformed sample: \(detail). Each line must be a JSON object with \"task_id\" "
                + "and \"completion\" (appended to the prompt) or \"solution\" (a whole program)."
        case .unknownTask:
            return "\(prefix)unknown task_id \(detail) for this dataset. Is --dataset/--path the file the samples were drawn from?"
        case .unwritableResults:
            return "\(prefix)cannot write results: \(detail). Choose another --out."
        case .unwritableCache:
            return "\(prefix)cannot write the oracle cache: \(detail). Check permissions of ~/.cache/o1coder."
        case .unsupported:
            return "\(prefix)\(detail)"
        }
    }
}
