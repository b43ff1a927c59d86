public import O1CoderCore
public import Inference
import Synchronization

/// What the domain observed while searching one problem: each distinct program's report on the
/// search tests, and token usage. Shared by the domain's calls, hence a lock.
public final class ExecutionLog: Sendable {
    private let state = Mutex(State())

    struct State {
        var reports: [String: ProgramReport] = [:]
        var usage = TokenUsage()
        var unparsableSteps = 0
    }

    public init() {}

    func record(code: String, report: ProgramReport) { state.withLock { $0.reports[code] = report } }
    func add(_ usage: TokenUsage, unparsable: Int) {
        state.withLock {
            $0.usage = $0.usage + usage
            $0.unparsableSteps += unparsable
        }
    }

    /// The report of `code` on the search tests, if it was executed.
    public func report(for code: String) -> ProgramReport? { state.withLock { $0.reports[code] } }
    public var usage: TokenUsage { state.withLock { $0.usage } }
    /// Samples that could not be parsed into a step (recorded outcomes, not errors).
    public var unparsableSteps: Int { state.withLock { $0.unparsableSteps } }
}
