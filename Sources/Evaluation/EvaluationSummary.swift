public import O1CoderCore

/// pass@k of one evaluation, for base tests and (with EvalPlus plus tests) base + plus.
public struct EvaluationSummary: Sendable, Codable, Hashable {
    /// pass@k at one k; a value is `nil` when some attempted problem has fewer than k samples.
    public struct Row: Sendable, Codable, Hashable {
        public var k: Int
        public var base: Double?
        /// base + plus; `nil` without plus tests.
        public var plus: Double?
    }

    public var dataset: DatasetName
    /// Problems with at least one sample.
    public var problemsAttempted: Int
    /// Problems in the dataset (as loaded).
    public var problemsTotal: Int
    public var samples: Int
    public var hasPlus: Bool
    public var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case dataset
        case problemsAttempted = "problems_attempted"
        case problemsTotal = "problems_total"
        case samples
        case hasPlus = "has_plus"
        case rows = "pass_at_k"
    }

    /// Computes pass@k from graded results.
    public init(dataset: DatasetName, problemsTotal: Int, results: [SampleResult], ks: [Int]) {
        var base: [ProblemID: (samples: Int, correct: Int)] = [:]
        var plus: [ProblemID: (samples: Int, correct: Int)] = [:]
        let hasPlus = results.contains { $0.plusPassed != nil }
        for result in results {
            base[result.taskID, default: (0, 0)].samples += 1
            if result.passed { base[result.taskID, default: (0, 0)].correct += 1 }
            if hasPlus {
                plus[result.taskID, default: (0, 0)].samples += 1
                if result.plusPassed ?? result.passed { plus[result.taskID, default: (0, 0)].correct += 1 }
            }
        }
        let baseCounts = Array(base.values)
        let plusCounts = Array(plus.values)
        self.dataset = dataset
        self.problemsAttempted = base.count
        self.problemsTotal = problemsTotal
        self.samples = results.count
        self.hasPlus = hasPlus
        self.rows = ks.sorted().map { k in
            Row(k: k, base: PassAtK.mean(baseCounts, k: k), plus: hasPlus ? PassAtK.mean(plusCounts, k: k) : nil)
        }
    }

    /// A plain-text table for the terminal.
    public var table: String {
        var lines = ["\(dataset.rawValue): \(samples) samples, \(problemsAttempted)/\(problemsTotal) problems attempted"]
        lines.append(hasPlus ? "k      base      base+plus" : "k      pass@k")
        for row in rows {
            let k = String(row.k).padding(toLength: 7)
            let basePart = Self.percent(row.base)
            lines.append(hasPlus ? k + basePart.padding(toLength: 10) + Self.percent(row.plus) : k + basePart)
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        let scaled = (value * 1000).rounded() / 10
        return "\(scaled)%"
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
