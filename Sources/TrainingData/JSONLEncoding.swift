import Foundation
import O1CoderCore

/// Export files (JSONL from `JSONCoding.lines`), written whole.
public enum JSONLEncoding {
    /// Writes `text` to `path` through a temporary file and a rename (``OutputFile``), so a reader
    /// never sees a half-written export.
    public static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try OutputFile.write(text, to: path)
        } catch {
            throw ExportError.cannotWrite(path: path, reason: "\(error.operation) failed: \(error.reason)")
        }
    }
}

/// Failures while writing exports.
public enum ExportError: Error, CustomStringConvertible, Sendable {
    case cannotWrite(path: String, reason: String)
    /// A process reward model answered with the wrong number of step scores.
    case processRewardMismatch(problem: String, scores: Int, steps: Int)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            "Cannot write '\(path)': \(reason). Check that its directory is writable."
        case .processRewardMismatch(let problem, let scores, let steps):
            "The PRM gave \(scores) step scores for a path of \(steps) steps (problem \(problem)): it is not a step-tagged PRM of ours (train one with `o1coder train prm`)."
        }
    }
}
