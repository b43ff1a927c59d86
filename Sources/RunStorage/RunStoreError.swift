public import O1CoderCore

/// Failures of the run store (GRDB's own `DatabaseError` passes through unchanged).
public enum RunStoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case duplicateProblem(run: RunID, problem: ProblemID)
    case unknownRun(RunID)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "Cannot open the run store at '\(path)': \(reason). Pass --store with a writable path."
        case .duplicateProblem(let run, let problem):
            "Problem \(problem) of run \(run) is already stored; a finished problem is never searched twice."
        case .unknownRun(let id):
            "No run with id \(id) in the store. List runs with `o1coder runs list`."
        }
    }
}
