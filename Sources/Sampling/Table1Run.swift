public import Evaluation
public import O1CoderCore

/// One finished (or partial) run as the report sees it: its summary and, per problem, the
/// values behind Table 1's cells, so cells get intervals and two runs a paired comparison.
public struct Table1Run: Codable, Sendable, Hashable {
    /// A problem's contribution: its programs' pass fraction (its Pass@1) and, when it has a
    /// correct prefix, its ASPR.
    public struct Outcome: Codable, Sendable, Hashable {
        public var problem: ProblemID
        public var passFraction: Double
        public var aspr: Double?
    }

    public var directory: String
    public var manifest: RunManifest
    public var summary: SamplingSummary
    /// In the order of the run's records.
    public var outcomes: [Outcome]

    public init(directory: String, manifest: RunManifest, records: [SampledProblem]) {
        self.directory = directory
        self.manifest = manifest
        summary = SamplingSummary(records: records, samplingProtocol: manifest.configuration.samplingProtocol)
        let aspr = manifest.configuration.samplingProtocol.measuresASPR
            ? ASPR.compute(ASPRSamples(problems: records.map(\.asprProblem))).perProblem : [:]
        outcomes = records.map { record in
            Outcome(
                problem: record.taskID,
                passFraction: record.sampleCount == 0 ? 0 : Double(record.passedCount) / Double(record.sampleCount),
                aspr: aspr[record.taskID])
        }
    }
}
