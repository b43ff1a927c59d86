public import Execution
import Foundation
public import Inference
public import O1CoderCore

/// One `tcg generate` over a problem selection, resumable through its tests file: problems
/// already in the file are skipped, and each finished problem is appended (and fsynced) before
/// the next starts, so a killed run loses at most the problem in flight.
public struct TCGGenerationRun: Sendable {
    public let testsFile: String
    public let problems: [Problem]
    /// The selected problems the file does not have yet, in selection order.
    public let pending: [Problem]
    /// The counts of the selected problems already in the file (a resumed run reports them too).
    public let resumedTotals: TCGGenerationTotals

    /// Plans the run of `problems` against the records already in `existing`.
    public init(problems: [Problem], testsFile: String, existing: TCGTestsFile.Contents) {
        let done = Set(existing.records.map(\.generated.problemID))
        let selected = Set(problems.map(\.id))
        self.testsFile = testsFile
        self.problems = problems
        pending = problems.filter { !done.contains($0.id) }
        resumedTotals = TCGGenerationTotals(existing.records.map(\.generated).filter { selected.contains($0.problemID) }.map(\.report))
    }

    /// "N of M problems to do (K already in FILE)".
    public var plan: String {
        "\(pending.count) of \(problems.count) problems to do (\(problems.count - pending.count) already in \(testsFile))"
    }

    /// Generates the pending problems' tests and appends each to the file.
    /// - Parameters:
    ///   - configuration: the run's settings; each problem samples with its own seed
    ///     (``TestGenerationConfiguration/seeded(for:)``).
    ///   - mode: nil picks ``TestGenerationMode/automatic(for:)`` per problem.
    ///   - model: called once, and only when something is pending (a finished run loads no model).
    /// - Returns: the totals of every selected problem, the resumed ones included.
    public func run(
        configuration: TestGenerationConfiguration, mode: TestGenerationMode?, sandbox: any Sandbox,
        model makeModel: () async throws -> any LanguageModel, progress: (TCGGenerationProgress) -> Void
    ) async throws -> TCGGenerationTotals {
        var totals = resumedTotals
        guard !pending.isEmpty else { return totals }
        let model = try await makeModel()
        let modelName = await model.info.name
        let ledger = try TCGTestsFile.appending(to: testsFile)
        let resumed = problems.count - pending.count
        for (index, problem) in pending.enumerated() {
            let seeded = configuration.seeded(for: problem.id)
            let problemStart = ContinuousClock.now
            let generated = try await TestCaseGenerator(model: model, sandbox: sandbox, configuration: seeded)
                .generate(for: problem, mode: mode)
            try ledger.append(TCGTestsRecord(generated: generated, model: modelName, seed: seeded.sampling.seed))
            totals.add(generated.report)
            progress(TCGGenerationProgress(
                report: generated.report, done: resumed + index + 1, total: problems.count,
                seconds: problemStart.elapsedSeconds))
        }
        return totals
    }
}
