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

    /// A one-problem MBPP+ file whose reference is `solution`, with base inputs `inputs`.
    static func problemFile(solution: String, inputs: String) throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-oracle-fixture-\(UUID().uuidString).jsonl"
        let record: [String: Any] = [
            "task_id": "Mbpp/900", "prompt": "f", "entry_point": "f", "canonical_solution": solution,
            "base_input": try JSONSerialization.jsonObject(with: Data(inputs.utf8)), "plus_input": [[Any]](), "atol": 0,
            "contract": "", "assertion": "assert True",
        ]
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("A slow input times out alone; an input that kills the process costs only itself; both are cached",
        .requires(.python3))
    func slowAndFatalInputs() async throws {
        let solution = "def f(n):\n    if n == 2:\n        import os\n        os._exit(3)\n    while n == 1:\n        pass\n    return n * 10\n"
        let path = try Self.problemFile(solution: solution, inputs: "[[0], [1], [3], [2], [4]]")
        let loaded = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: path)
        let cache = NSTemporaryDirectory() + "o1coder-oracle-\(UUID().uuidString)"
        let sandbox = ScriptedSandbox(run: { try await LocalPythonRunner.run($0) })
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, inputSeconds: 0.3, cacheDirectory: cache).complete(loaded)
        #expect(completion.problems[0].tests.cases == [
            .call(arguments: "[0]", expected: .pythonLiteral("0"), group: .base),
            .call(arguments: "[3]", expected: .pythonLiteral("30"), group: .base),
            .call(arguments: "[4]", expected: .pythonLiteral("40"), group: .base),
        ])
        #expect(completion.skippedInputs == ["Mbpp/900": 2])
        // The batch died after three inputs; its rest ([2], [4]) died at once and was split; [2] alone
        // died again (blamed), [4] passed.
        #expect(await sandbox.callCounts.run == 4)
        let stored = try #require(OracleCache.load(path: "\(cache)/\(loaded.sha256).json", datasetSHA256: loaded.sha256))
        #expect(stored.outputs["Mbpp/900"]?.base.map(\.status) == [.ok, .timeout, .ok, .crashed, .ok])
    }

    @Test("Batches that fail in the sandbox are split down to single inputs, each retried once; nothing is cached")
    func sandboxFailureNotCached() async throws {
        let loaded = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: Self.fixture)
        let cache = NSTemporaryDirectory() + "o1coder-oracle-\(UUID().uuidString)"
        let sandbox = ScriptedSandbox(run: { _ in
            ExecutionOutcome(termination: .sandboxError("worker died"), stdout: "", stderr: "", elapsedSeconds: 1)
        })
        let completion = try await ExpectedOutputOracle(sandbox: sandbox, cacheDirectory: cache).complete(loaded)
        #expect(completion.problems.allSatisfy { $0.tests.cases.isEmpty })
        #expect(completion.skippedInputs["Mbpp/2"] == 4)
        // Three batches of two inputs (1 run + 2 halves + 2 retries each) and one of one input (1 + 1 retry).
        #expect(await sandbox.callCounts.run == 3 * 5 + 2)
        #expect(!FileManager.default.fileExists(atPath: "\(cache)/\(loaded.sha256).json"))
    }

    @Test("The cache grows by problem: a later, larger selection computes only what is missing",
        .requires(.python3))
    func cacheGrowsByProblem() async throws {
        var first = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: Self.fixture)
        first.problems = Array(first.problems.prefix(1))
        let cache = NSTemporaryDirectory() + "o1coder-oracle-\(UUID().uuidString)"
        let sandbox = ScriptedSandbox(run: { try await LocalPythonRunner.run($0) })
        let oracle = ExpectedOutputOracle(sandbox: sandbox, cacheDirectory: cache)
        _ = try await oracle.complete(first)
        let afterFirst = await sandbox.callCounts.run

        let all = try DatasetLoader().loadProblems(dataset: .mbppPlus, path: Self.fixture)
        let completion = try await oracle.complete(all)
        #expect(completion.usedCache == false)
        #expect(completion.problems.map { $0.metadata["evalplus.oracle"] } == ["cached", "computed"])
        #expect(completion.problems[1].tests.cases.count == 2)
        #expect(await sandbox.callCounts.run == afterFirst + 2)  // only Mbpp/3's base and plus batches
        #expect(try await oracle.complete(all).usedCache)
    }
}
