import Execution
public import O1CoderCore

extension ProgramReport {
    /// Whether every test of `group` passed (every test when `group` is nil).
    ///
    /// When the report has no per-test entries matching the suite (e.g. a compile error
    /// reported before any test ran) the program verdict decides.
    public func allPassed(in suite: TestSuite, group: TestGroup? = nil) -> Bool {
        guard tests.count == suite.cases.count else { return verdict.isPassed }
        for (testCase, result) in zip(suite.cases, tests) where group == nil || testCase.group == group {
            if result.status != .passed { return false }
        }
        return true
    }
}
