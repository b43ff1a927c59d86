public import O1CoderCore

/// The paper's TCG metric for one problem: how many generated tests the reference solution
/// passes (§2.7, decision D11).
public struct ReferencePassRecord: Codable, Sendable, Hashable {
    public var problemID: ProblemID
    /// Generated tests run on the reference (parsed, de-duplicated).
    public var evaluated: Int
    public var passed: Int
    /// Proposals that could not be parsed: failures in the strict variant, excluded in the
    /// lenient one.
    public var unparsable: Int

    public init(problemID: ProblemID, evaluated: Int, passed: Int, unparsable: Int) {
        self.problemID = problemID
        self.evaluated = evaluated
        self.passed = passed
        self.unparsable = unparsable
    }

    /// passed / (evaluated + unparsable), nil when there was nothing at all.
    public var strictRate: Double? {
        let total = evaluated + unparsable
        return total == 0 ? nil : Double(passed) / Double(total)
    }

    /// passed / evaluated, nil when no test parsed.
    public var lenientRate: Double? {
        evaluated == 0 ? nil : Double(passed) / Double(evaluated)
    }
}

/// Pass rate of generated tests on the reference solution over many problems, micro (over tests)
/// and macro (over problems), strict and lenient.
public struct PassRateSummary: Codable, Sendable, Hashable {
    public var problems: Int
    public var evaluated: Int
    public var passed: Int
    public var unparsable: Int
    /// Σ passed / Σ (evaluated + unparsable).
    public var strictMicro: Double?
    /// Σ passed / Σ evaluated.
    public var lenientMicro: Double?
    /// Mean of per-problem strict rates over problems with at least one proposal.
    public var strictMacro: Double?
    /// Mean of per-problem lenient rates over problems with at least one parsed test.
    public var lenientMacro: Double?

    public init(_ records: [ReferencePassRecord]) {
        problems = records.count
        evaluated = records.reduce(0) { $0 + $1.evaluated }
        passed = records.reduce(0) { $0 + $1.passed }
        unparsable = records.reduce(0) { $0 + $1.unparsable }
        strictMicro = ratio(passed, evaluated + unparsable)
        lenientMicro = ratio(passed, evaluated)
        strictMacro = mean(records.compactMap(\.strictRate))
        lenientMacro = mean(records.compactMap(\.lenientRate))
    }
}

func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
    denominator == 0 ? nil : Double(numerator) / Double(denominator)
}

func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
}
