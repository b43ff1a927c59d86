public import O1CoderCore

/// Where a known-wrong solution came from.
public enum WrongSolutionSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// A failing sample supplied by the caller (e.g. a policy sample that fails ground truth).
    case sample
    /// A mutant of the reference solution that fails ground truth.
    case mutant
}

/// A program known to be wrong: it fails the problem's ground-truth tests.
public struct WrongSolution: Codable, Sendable, Hashable {
    public var program: String
    public var source: WrongSolutionSource
    /// For mutants, what was changed (`binop@3`), for the record.
    public var label: String

    public init(program: String, source: WrongSolutionSource, label: String = "") {
        self.program = program
        self.source = source
        self.label = label
    }
}

/// How many known-wrong solutions of one problem the generated tests reject (decision D11: a
/// high pass rate on the reference alone rewards trivial tests).
public struct DiscriminationRecord: Codable, Sendable, Hashable {
    public var problemID: ProblemID
    public var wrongSolutions: Int
    /// Wrong solutions that fail at least one generated test.
    public var rejected: Int
    public var wrongBySource: [WrongSolutionSource: Int]
    public var rejectedBySource: [WrongSolutionSource: Int]

    public init(
        problemID: ProblemID, wrongSolutions: Int, rejected: Int,
        wrongBySource: [WrongSolutionSource: Int] = [:], rejectedBySource: [WrongSolutionSource: Int] = [:]
    ) {
        self.problemID = problemID
        self.wrongSolutions = wrongSolutions
        self.rejected = rejected
        self.wrongBySource = wrongBySource
        self.rejectedBySource = rejectedBySource
    }

    /// From (source, was it rejected by the generated tests) pairs.
    public init(problemID: ProblemID, outcomes: [(source: WrongSolutionSource, isRejected: Bool)]) {
        self.init(problemID: problemID, wrongSolutions: outcomes.count, rejected: outcomes.count { $0.isRejected })
        for outcome in outcomes {
            wrongBySource[outcome.source, default: 0] += 1
            if outcome.isRejected { rejectedBySource[outcome.source, default: 0] += 1 }
        }
    }

    /// rejected / wrongSolutions, nil when there are no wrong solutions.
    public var rate: Double? { ratio(rejected, wrongSolutions) }
}

/// Discrimination over many problems: micro over wrong solutions, macro over problems that have
/// at least one, and micro per source.
public struct DiscriminationSummary: Codable, Sendable, Hashable {
    public var problems: Int
    public var wrongSolutions: Int
    public var rejected: Int
    public var micro: Double?
    public var macro: Double?
    public var microBySource: [WrongSolutionSource: Double]

    public init(_ records: [DiscriminationRecord]) {
        problems = records.count
        wrongSolutions = records.reduce(0) { $0 + $1.wrongSolutions }
        rejected = records.reduce(0) { $0 + $1.rejected }
        micro = ratio(rejected, wrongSolutions)
        macro = mean(records.compactMap(\.rate))
        microBySource = [:]
        for source in WrongSolutionSource.allCases {
            let wrong = records.reduce(0) { $0 + ($1.wrongBySource[source] ?? 0) }
            let caught = records.reduce(0) { $0 + ($1.rejectedBySource[source] ?? 0) }
            if let rate = ratio(caught, wrong) { microBySource[source] = rate }
        }
    }
}

extension WrongSolutionSource: CodingKeyRepresentable {}
