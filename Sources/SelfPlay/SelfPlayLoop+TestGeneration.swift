import CodeSearch
import Foundation
import O1CoderCore
import TestGeneration

extension SelfPlayLoop {
    /// The TCG stage of a round: the round's search policy writes tests for `problems` into the
    /// round's `tests.jsonl` (resumable: problems already in the file are kept), with the loop's
    /// ``SelfPlayConfiguration/testGeneration`` settings.
    func generateTests(
        _ round: SelfPlayState.Round, problems: [Problem], settings: TestGenerationConfiguration,
        progress: @escaping @Sendable (Event) -> Void
    ) async throws -> SelfPlayState.TestsStage {
        let file = roundDirectory(round.index) + "/tests.jsonl"
        try FileManager.default.createDirectory(atPath: roundDirectory(round.index), withIntermediateDirectories: true)
        let generation = TCGGenerationRun(problems: problems, testsFile: file, existing: try TCGTestsFile.read(file))
        let index = round.index
        let totals = try await generation.run(
            configuration: settings, mode: nil, sandbox: sandbox, model: { try await models(round.searchPolicy) },
            progress: { progress(.generatedTests(round: index, $0)) })
        // A round with nothing to search (the curriculum dropped every problem) leaves an empty file.
        if !FileManager.default.fileExists(atPath: file) { try OutputFile.write("", to: file) }
        return SelfPlayState.TestsStage(
            file: file, sha256: try SHA256.hex(ofFile: file), generator: round.searchPolicy, problems: totals.problems,
            problemsWithTests: totals.problemsWithTests, tests: totals.kept)
    }

    /// What rewards a round's search: the public tests, plus the round's generated tests when
    /// the TCG is in the loop.
    func rewardTests(for round: SelfPlayState.Round) throws -> RewardTests {
        guard let tests = round.tests, tests.problems > 0 else { return rewardTests }
        return .publicAndGenerated(try TCGTestsFile.suites(tests.file))
    }
}
