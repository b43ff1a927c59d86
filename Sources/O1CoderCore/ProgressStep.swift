/// How far a long job is after one item, as every job reports it: ``ProgressReporter`` renders it
/// and computes the rate and ETA itself, from this process's pace (so no job computes its own).
public protocol ProgressStep: Sendable {
    /// Items finished, those of earlier processes included.
    var done: Int { get }
    /// Items in the whole job.
    var total: Int { get }
    /// What just finished, on one line (no counts, no ETA).
    var detail: String { get }
}
