/// Verdicts of candidates on generated tests vs ground-truth tests, as a confusion matrix where
/// "positive" means "passes all generated tests" and the truth is "passes all ground-truth
/// tests". Search on generated tests needs high precision (a candidate that passes generated
/// tests is really correct).
public struct AgreementMatrix: Codable, Sendable, Hashable {
    /// Passes generated and ground truth.
    public var truePositives: Int
    /// Passes generated, fails ground truth (the generated tests are too weak).
    public var falsePositives: Int
    /// Fails generated, passes ground truth (a generated test is wrong).
    public var falseNegatives: Int
    /// Fails both.
    public var trueNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// From (passes generated, passes ground truth) pairs.
    public init(verdicts: [(passesGenerated: Bool, passesGroundTruth: Bool)]) {
        self.init()
        for verdict in verdicts { record(passesGenerated: verdict.passesGenerated, passesGroundTruth: verdict.passesGroundTruth) }
    }

    public mutating func record(passesGenerated: Bool, passesGroundTruth: Bool) {
        switch (passesGenerated, passesGroundTruth) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    /// Fraction of candidates with the same verdict on both suites.
    public var agreement: Double? { ratio(truePositives + trueNegatives, total) }
    /// P(passes ground truth | passes generated).
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    /// P(passes generated | passes ground truth).
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }

    public static func + (a: AgreementMatrix, b: AgreementMatrix) -> AgreementMatrix {
        AgreementMatrix(
            truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives, trueNegatives: a.trueNegatives + b.trueNegatives)
    }
}
