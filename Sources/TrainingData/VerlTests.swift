public import O1CoderCore

/// Which tests a verl row's `ground_truth` holds.
public enum VerlTests: String, CaseIterable, Sendable {
    /// Every test (training data: the reward sees what decides correctness).
    case all
    /// Only the tests the statement shows.
    case `public`

    /// The suite of `problem` these tests select.
    public func suite(of problem: Problem) -> TestSuite {
        self == .all ? problem.tests : problem.publicTests
    }
}
