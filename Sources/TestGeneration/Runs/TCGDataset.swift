import O1CoderCore

/// The records a ``TCGDataBuild`` made, as JSONL, and what the log reports about them.
public struct TCGDataset: Sendable {
    public var kind: TCGDataKind
    /// Problems the records were built from.
    public var problems: Int
    /// The records, one JSON object per line (keys sorted).
    public var jsonl = ""
    public var count = 0
    /// Problems that gave no record (no usable ground-truth test).
    public var withoutTests = 0
    /// DPO pairs by the kind of their negative.
    public var byNegative: [DPONegativeKind: Int] = [:]

    init(kind: TCGDataKind, problems: Int) {
        self.kind = kind
        self.problems = problems
    }

    /// Adds one problem's records (and the negative kinds of its pairs).
    mutating func add(_ records: [some Encodable], negatives: [DPONegativeKind]) throws {
        if records.isEmpty { withoutTests += 1 }
        for negative in negatives { byNegative[negative, default: 0] += 1 }
        count += records.count
        jsonl += try JSONCoding.lines(records)
    }

    /// "N problems, K without usable ground-truth tests; negatives: …".
    public var summary: String {
        let negatives = byNegative.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        return "\(problems) problems, \(withoutTests) without usable ground-truth tests"
            + (negatives.isEmpty ? "" : "; negatives: " + negatives.joined(separator: ", "))
    }
}
