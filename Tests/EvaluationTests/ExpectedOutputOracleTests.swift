import Datasets
import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Evaluation

@Suite struct ExpectedOutputOracleTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DatasetsTests/Fixtures/mbppplus.jsonl").path

    @Test("Runs the reference with the generated driver, fills .call tests, caches by file hash",
        .requires(.python3))
    func oracle() async throws {
        let loaded = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: Self.fixture)
        let cache = NSTemporaryDirectory() + "o1coder-oracle-\(UUID().uuidString)"
        let sandbox = ScriptedSandbox(run: { try await LocalPythonRunner.run($0) })
        let oracle = ExpectedOutputOracle(sandbox: sandbox, workers: 2, batchSize: 1, cacheDirectory: cache)
        let completion = try await oracle.complete(loaded)
        #expect(completion.usedCache == false)
        let similar = completion.problems[0]
        #expect(similar.tests.comparison == .exact)
        #expect(similar.tests.cases.count == 4)
        #expect(similar.tests.cases[0] == .call(arguments: "[[3, 4], [4, 5]]", expected: .pythonLiteral("(4,)"), group: .base))
        #expect(similar.tests.cases[2] == .call(arguments: "[[], []]", expected: .pythonLiteral("()"), group: .plus))
        #expect(similar.tests.cases[3] == .call(
            arguments: "[[12345678901234567890123], [12345678901234567890123]]",
            expected: .pythonLiteral("(12345678901234567890123,)"), group: .plus))
        // halve: prints noise (ignored), raises on -1 (input skipped), atol → tolerance comparison.
        let halve = completion.problems[1]
        #expect(halve.tests.comparison == .absoluteTolerance(1e-6))
        #expect(halve.tests.cases == [
            .call(arguments: "[3]", expected: .pythonLiteral("1.5"), group: .base),
            .call(arguments: "[1.5]", expected: .pythonLiteral("0.75"), group: .plus),
        ])
        #expect(completion.skippedInputs == ["Mbpp/3": 1])
        #expect(FileManager.default.fileExists(atPath: "\(cache)/\(loaded.sha256).json"))

        // Second time: from the cache, no executions.
        let offline = ScriptedSandbox(run: { _ in throw CancellationError() })
        let cached = try await ExpectedOutputOracle(sandbox: offline, cacheDirectory: cache).complete(loaded)
        #expect(cached.usedCache)
        #expect(cached.problems.map(\.tests) == completion.problems.map(\.tests))
        #expect(await offline.callCounts.run == 0)
    }

    @Test("Batches that crash are not cached and their inputs are skipped")
    func crashNotCached() async throws {
        let loaded = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: Self.fixture)
        let cache = NSTemporaryDirectory() + "o1coder-oracle-\(UUID().uuidString)"
        let sandbox = ScriptedSandbox(run: { _ in
            ExecutionOutcome(termination: .cpuTimeout, stdout: "", stderr: "", elapsedSeconds: 1)
        })
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, cacheDirectory: cache).complete(loaded)
        #expect(completion.problems.allSatisfy { $0.tests.cases.isEmpty })
        #expect(completion.skippedInputs["Mbpp/2"] == 4)
        #expect(!FileManager.default.fileExists(atPath: "\(cache)/\(loaded.sha256).json"))
    }
}
