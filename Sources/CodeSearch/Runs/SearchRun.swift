import Datasets
public import Execution
import Foundation
import Inference
public import Models
public import O1CoderCore
public import RunStorage
import Search
import TestGeneration

/// A search run in the store: created from a configuration, or reopened from its record with
/// the recorded configuration (which wins over any new options, so `--resume` continues the
/// same search exactly). Problems are stored one transaction each as they finish.
public struct SearchRun: Sendable {
    public let id: RunID
    public let configuration: SearchRunConfiguration
    public let store: RunStore

    /// Records a new run: the configuration as canonical JSON (sorted keys), the seed, the model's
    /// name and hash and the dataset file's hash.
    public static func create(
        _ configuration: SearchRunConfiguration, seed: UInt64, model: ModelSpec, toolVersion: String, in store: RunStore
    ) throws -> SearchRun {
        let run = try store.createRun(
            .starting(
                .search, configuration: configuration, seed: seed, toolVersion: toolVersion, modelName: model.name,
                modelSHA256: model.sha256, datasetName: configuration.dataset.rawValue, datasetPath: configuration.path,
                datasetSHA256: try SHA256.hex(ofFile: configuration.path)))
        return SearchRun(id: run.id ?? 0, configuration: configuration, store: store)
    }

    /// Reopens run `id` with its recorded configuration and marks it running again.
    /// - Throws: `RunStoreError.unknownRun` when the store has no such run.
    public static func resume(_ id: RunID, in store: RunStore) throws -> SearchRun {
        guard let run = try store.run(id) else { throw RunStoreError.unknownRun(id) }
        let configuration = try JSONDecoder().decode(SearchRunConfiguration.self, from: Data(run.configuration.utf8))
        try store.setStatus(.running, run: id)
        return SearchRun(id: id, configuration: configuration, store: store)
    }

    /// Fails with ``SearchRunError/invalidConfiguration(_:)`` when the search settings are invalid.
    public func validate() throws {
        let errors = configuration.codeSearch.search.validationErrors()
        guard errors.isEmpty else { throw SearchRunError.invalidConfiguration(errors) }
    }

    /// The problems ready for `rewardTests` (public tests screened by the reference when they
    /// reward, see ``PublicTestScreen``); what was screened out goes to `log`.
    public func prepare(
        _ problems: [Problem], rewardTests: RewardTests, sandbox: any Sandbox, log: (String) -> Void
    ) async throws -> [Problem] {
        let prepared = try await rewardTests.prepare(problems, sandbox: sandbox, limits: configuration.codeSearch.limits)
        if rewardTests.usesPublicTests {
            log("public tests: \(prepared.dropped) dropped (the reference fails them); \(prepared.withoutTests) problems without any (compile-only reward there)")
        }
        return prepared.problems
    }

    /// How many problems the run has finished (before this process, on resume).
    public func finishedCount() throws -> Int { try store.finishedProblemIDs(run: id).count }

    /// Searches the problems the run has not finished yet, `problemsInFlight` at a time.
    public func search(
        _ problems: [Problem], with searcher: ProblemSearcher, problemsInFlight: Int,
        progress: @escaping @Sendable (SearchProgress) -> Void
    ) async throws {
        let runner = SearchRunner(searcher: searcher, store: store, problemsInFlight: problemsInFlight)
        try await runner.run(id, problems: problems) { problem, result, finished, total in
            progress(SearchProgress(problem: problem, result: result, done: finished, total: total))
        }
    }

    /// Marks the run finished and sums it up from the store (so a resumed run's figures cover
    /// every problem it finished).
    public func finish(rewardTests: RewardTests) throws -> SearchRunSummary {
        try store.setStatus(.finished, run: id)
        let rows = try store.problems(run: id)
        let totals = RunTotals(rows)
        var matrix: AgreementMatrix?
        if !rewardTests.isOracle {
            matrix = try rows.reduce(AgreementMatrix()) { sum, row in
                sum + RewardAgreement.matrix(executions: try store.executions(run: id, problem: row.problemId))
            }
        }
        return SearchRunSummary(
            run: id, solved: totals.solved, problems: totals.problems, generatedTokens: totals.generatedTokens,
            rewardTests: rewardTests, agreement: matrix)
    }
}
