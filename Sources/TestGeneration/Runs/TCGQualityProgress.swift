public import O1CoderCore

/// One problem of a ``TCGQualityRun`` measured (`done` among the problems the tests file covers).
public struct TCGQualityProgress: ProgressStep {
    public var done: Int
    public var total: Int
    public var tests: GeneratedTests
    public var record: TestQualityRecord

    /// The problem's test count, reference pass rate and rejected wrong solutions.
    public var detail: String {
        "\(tests.problemID): \(tests.suite.cases.count) tests · reference passes "
            + "\(record.passRate.map { "\($0.passed)/\($0.evaluated)" } ?? "n/a") · rejects "
            + "\(record.discrimination.rejected)/\(record.discrimination.wrongSolutions) wrong"
    }
}
