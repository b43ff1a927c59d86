import O1CoderCore

/// Progress of a ``TCGQualityRun``.
public enum TCGQualityProgress: Sendable {
    /// Selected problems that the tests file does not cover (left out of the report).
    case missing(count: Int, testsFile: String)
    /// One problem measured (1-based `index` among the covered ones).
    case evaluated(index: Int, count: Int, tests: GeneratedTests, record: TestQualityRecord)

    /// The log line.
    public var line: String {
        switch self {
        case .missing(let count, let testsFile):
            "warning: \(count) selected problems are not in \(testsFile); they are left out"
        case .evaluated(let index, let count, let tests, let record):
            "[\(index)/\(count)] \(tests.problemID): \(tests.suite.cases.count) tests · reference passes "
                + "\(record.passRate.map { "\($0.passed)/\($0.evaluated)" } ?? "n/a") · rejects "
                + "\(record.discrimination.rejected)/\(record.discrimination.wrongSolutions) wrong"
        }
    }
}
