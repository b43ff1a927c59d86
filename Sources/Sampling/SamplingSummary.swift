import Evaluation
import Inference
import O1CoderCore
import Reasoning

/// A count per kind (parse failures, verdicts, prefix ends), sorted by kind.
public struct KindCount: Codable, Sendable, Hashable {
    public var kind: String
    public var count: Int

    public init(kind: String, count: Int) {
        self.kind = kind
        self.count = count
    }

    static func tally(_ kinds: some Sequence<String>) -> [KindCount] {
        var counts: [String: Int] = [:]
        for kind in kinds { counts[kind, default: 0] += 1 }
        return counts.map { KindCount(kind: $0.key, count: $0.value) }.sorted { $0.kind < $1.kind }
    }
}

/// One pass@k value (nil when some problem has fewer than k samples).
public struct PassAtKValue: Codable, Sendable, Hashable {
    public var k: Int
    public var value: Double?
}

/// ASPR of a run (``ASPR/compute(_:)`` without the per-problem map).
public struct ASPRSummary: Codable, Sendable, Hashable {
    public var value: Double?
    public var pooledValue: Double?
    public var problemsWithCorrectPrefix: Int
    public var correctPrefixCount: Int
    public var prefixCount: Int
}

/// The metrics of a run's finished problems.
///
/// pass@k uses the unbiased estimator over each problem's graded programs (``PassAtK``). Under
/// the ASPR protocol the m × n programs of a problem share prefixes, so they are not independent:
/// pass@1 (the mean pass fraction) stays unbiased, larger k are reported but optimistic-biased
/// estimates of nothing standard and should not be compared with independent sampling.
public struct SamplingSummary: Codable, Sendable, Hashable {
    public var problems: Int
    public var samples: Int
    public var passedSamples: Int
    /// Problems with at least one passing program.
    public var solvedProblems: Int
    public var passAtK: [PassAtKValue]
    /// Present for ASPR runs.
    public var aspr: ASPRSummary?
    /// Programs that could not be extracted.
    public var unparsableSamples: Int
    public var parseFailures: [KindCount]
    public var verdicts: [KindCount]
    /// Why each program's generation ended (`eos`, `stop`, `max_tokens`, `repetition`, …).
    public var stopReasons: [KindCount]
    /// Programs whose generation hit the token cap (their code may be cut mid-construct).
    public var truncatedSamples: Int
    /// Programs stopped by the repetition guard (their repeated lines dropped).
    public var repetitionStoppedSamples: Int
    public var prefixEnds: [KindCount]
    public var generatedTokens: Int
    /// Summed per-problem wall time.
    public var seconds: Double
    /// Pseudocode style: how much the reasoning repeats the few-shot examples.
    public var fewShotCopy: FewShotCopy?

    /// Over every reasoning text of a pseudocode run: the mean share of word 6-grams found in the
    /// library's examples, and how many texts are at least half copied.
    public struct FewShotCopy: Codable, Sendable, Hashable {
        public var texts: Int
        public var meanOverlap: Double
        public var copied: Int
    }

    /// pass@1, when defined.
    public var passAt1: Double? { passAtK.first { $0.k == 1 }?.value }

    public init(records: [SampledProblem], samplingProtocol: SamplingProtocol, ks: [Int] = [1, 5, 10]) {
        problems = records.count
        let completions = records.flatMap(\.completions)
        samples = completions.count
        passedSamples = completions.count { $0.passed }
        solvedProblems = records.count { $0.passedCount > 0 }
        let counts = records.map { (samples: $0.sampleCount, correct: $0.passedCount) }
        let most = records.map(\.sampleCount).min() ?? 0
        passAtK = ks.filter { $0 == 1 || $0 <= most }.map { PassAtKValue(k: $0, value: PassAtK.mean(counts, k: $0)) }
        if samplingProtocol.measuresASPR {
            let result = ASPR.compute(ASPRSamples(problems: records.map(\.asprProblem)))
            aspr = ASPRSummary(
                value: result.value, pooledValue: result.pooledValue,
                problemsWithCorrectPrefix: result.problemsWithCorrectPrefix, correctPrefixCount: result.correctPrefixCount,
                prefixCount: records.reduce(0) { $0 + $1.prefixes.count })
        }
        unparsableSamples = completions.count { $0.code == nil }
        parseFailures = KindCount.tally(completions.compactMap(\.parseFailure))
        verdicts = KindCount.tally(completions.map(\.verdict))
        stopReasons = KindCount.tally(completions.map(\.stopReason.rawValue))
        truncatedSamples = completions.count { $0.stopReason == .maxTokens }
        repetitionStoppedSamples = completions.count { $0.stopReason == .repetition }
        prefixEnds = KindCount.tally(records.flatMap(\.prefixes).map(\.end.rawValue))
        generatedTokens = records.reduce(0) { $0 + $1.usage.generatedTokens }
        seconds = records.reduce(0) { $0 + $1.seconds }
        let rates = records.compactMap(\.fewShotOverlap).flatMap { $0 }
        fewShotCopy = rates.isEmpty
            ? nil
            : FewShotCopy(
                texts: rates.count, meanOverlap: rates.reduce(0, +) / Double(rates.count),
                copied: rates.count { $0 >= FewShotOverlap.copiedThreshold })
    }

    /// A short plain-text table for the terminal.
    public var table: String {
        var lines = ["problems \(problems) · samples \(samples) · passed \(passedSamples) · solved \(solvedProblems)"]
        for value in passAtK {
            lines.append("pass@\(value.k)\t" + (value.value.map { Self.percent($0) } ?? "n/a"))
        }
        if let aspr {
            lines.append(
                "ASPR\t" + (aspr.value.map { Self.percent($0) } ?? "n/a")
                    + "\t(\(aspr.problemsWithCorrectPrefix) problems with a correct prefix; \(aspr.correctPrefixCount)/\(aspr.prefixCount) prefixes correct; pooled "
                    + (aspr.pooledValue.map { Self.percent($0) } ?? "n/a") + ")")
        }
        lines.append("unparsable \(unparsableSamples)" + (parseFailures.isEmpty ? "" : " (" + parseFailures.map { "\($0.kind) \($0.count)" }.joined(separator: ", ") + ")"))
        lines.append("verdicts " + verdicts.map { "\($0.kind) \($0.count)" }.joined(separator: ", "))
        lines.append("truncated at the token cap \(truncatedSamples) · stopped for repetition \(repetitionStoppedSamples)")
        lines.append("prefix ends " + prefixEnds.map { "\($0.kind) \($0.count)" }.joined(separator: ", "))
        if let copy = fewShotCopy {
            lines.append(
                "few-shot copy: \(Self.percent(copy.meanOverlap)) of reasoning 6-grams in the examples on average; "
                    + "\(copy.copied)/\(copy.texts) reasoning texts at least half copied")
        }
        lines.append("generated tokens \(generatedTokens)")
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String {
        let tenths = (value * 1000).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
    }
}
