public import O1CoderCore

/// Identifies one reasoning prefix of a problem: a trace hash, a sample index or a search-tree
/// node id (the parent of code steps), as the caller likes.
public struct PrefixID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// Pass/fail of the code completions sampled after each reasoning prefix, per problem: the input
/// of ``ASPR``. Order is kept as first recorded.
public struct ASPRSamples: Codable, Sendable, Hashable {
    /// The completions of one prefix: `passed[i]` is whether completion i passed all tests.
    public struct Prefix: Codable, Sendable, Hashable {
        public var id: PrefixID
        public var passed: [Bool]
        public init(id: PrefixID, passed: [Bool]) {
            self.id = id
            self.passed = passed
        }
        /// At least one completion passed all tests.
        public var isCorrect: Bool { passed.contains(true) }
        /// Passing completions over all completions (0 when there are none).
        public var passRate: Double { passed.isEmpty ? 0 : Double(passed.count { $0 }) / Double(passed.count) }
    }

    public struct Problem: Codable, Sendable, Hashable {
        public var id: ProblemID
        public var prefixes: [Prefix]
        public init(id: ProblemID, prefixes: [Prefix]) {
            self.id = id
            self.prefixes = prefixes
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem] = []) {
        self.problems = problems
    }

    /// Adds one completion's outcome under its problem and prefix (for search trees: the prefix is
    /// the code step's parent node).
    public mutating func record(problem: ProblemID, prefix: PrefixID, passed: Bool) {
        let p = problems.firstIndex { $0.id == problem } ?? {
            problems.append(Problem(id: problem, prefixes: []))
            return problems.count - 1
        }()
        if let q = problems[p].prefixes.firstIndex(where: { $0.id == prefix }) {
            problems[p].prefixes[q].passed.append(passed)
        } else {
            problems[p].prefixes.append(Prefix(id: prefix, passed: [passed]))
        }
    }

    /// Groups `(problem, prefix, passed)` observations.
    public init(observations: some Sequence<(problem: ProblemID, prefix: PrefixID, passed: Bool)>) {
        self.init()
        for o in observations { record(problem: o.problem, prefix: o.prefix, passed: o.passed) }
    }
}

/// The result of ``ASPR/compute(_:)``.
public struct ASPRResult: Codable, Sendable, Hashable {
    /// ASPR as defined (macro: mean over problems of the mean over correct prefixes), or nil when
    /// no problem has a correct prefix.
    public var value: Double?
    /// The alternative reading (spec §3.7): passing completions over all completions that descend
    /// from a correct prefix, pooled over every problem. Nil when there is none.
    public var pooledValue: Double?
    /// Problems with at least one correct prefix (the denominator of ``value``).
    public var problemsWithCorrectPrefix: Int
    /// Problems in the input.
    public var problemCount: Int
    /// Correct prefixes over all problems.
    public var correctPrefixCount: Int
    /// Per-problem ASPR, for problems with a correct prefix only.
    public var perProblem: [ProblemID: Double]
}

/// Average Sampling Pass Rate (O1-CODER §3.2.1, Table 1; operational definition of spec §3.7/D17).
///
/// For each problem, m reasoning prefixes are sampled (the steps before the code step), then n code
/// completions per prefix. A prefix is *correct* when at least one of its completions passes all
/// tests. Then
///
///     ASPR = mean over problems with a correct prefix of
///            ( mean over its correct prefixes of (passing completions / n) )
///
/// It measures how reliably a correct reasoning prefix leads to passing code. Problems without a
/// correct prefix do not count (their number is reported); n may differ between prefixes.
public enum ASPR {
    public static func compute(_ samples: ASPRSamples) -> ASPRResult {
        var perProblem: [ProblemID: Double] = [:]
        var problemRates: [Double] = []
        var correctPrefixes = 0
        var pooledPassed = 0
        var pooledTotal = 0
        for problem in samples.problems {
            let correct = problem.prefixes.filter(\.isCorrect)
            guard !correct.isEmpty else { continue }
            correctPrefixes += correct.count
            let rate = correct.map(\.passRate).reduce(0, +) / Double(correct.count)
            perProblem[problem.id] = rate
            problemRates.append(rate)
            for prefix in correct {
                pooledPassed += prefix.passed.count { $0 }
                pooledTotal += prefix.passed.count
            }
        }
        return ASPRResult(
            value: problemRates.isEmpty ? nil : problemRates.reduce(0, +) / Double(problemRates.count),
            pooledValue: pooledTotal == 0 ? nil : Double(pooledPassed) / Double(pooledTotal),
            problemsWithCorrectPrefix: problemRates.count, problemCount: samples.problems.count,
            correctPrefixCount: correctPrefixes, perProblem: perProblem)
    }
}
