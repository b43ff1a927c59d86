import Foundation
import RunStorage
import Testing

@Suite struct RunStoreTests {
    func makeRun() -> RunRecord {
        RunRecord(
            id: nil, kind: "search", status: .running, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            configuration: #"{"rollouts":15}"#, seed: Int64(bitPattern: UInt64.max - 1), toolVersion: "0.1.0",
            modelName: "smollm2", modelSHA256: "abc", datasetName: "mbpp", datasetPath: "/d/mbpp.jsonl",
            datasetSHA256: "def")
    }

    func problem(_ run: Int64, _ id: String) -> ProblemRecord {
        ProblemRecord(
            runId: run, problemId: id, problem: "{}", solved: true, bestReward: 1, rollouts: 3, generatedTokens: 120,
            promptTokensEvaluated: 300, promptTokensReused: 200, firstSolutionRollout: 2, stopReason: "perfect_solution",
            seconds: 1.5, finishedAt: Date(timeIntervalSince1970: 1_700_000_100))
    }

    func nodes(_ run: Int64, _ id: String) -> [NodeRecord] {
        [
            NodeRecord(
                runId: run, problemId: id, nodeIndex: 0, parentIndex: nil, depth: 0, action: nil, text: nil, visits: 3,
                totalValue: 2, reward: nil, prior: 1, generatedTokens: 0, logProb: nil, isTerminal: false,
                createdInRollout: 0),
            NodeRecord(
                runId: run, problemId: id, nodeIndex: 1, parentIndex: 0, depth: 1, action: "code", text: "```python\n```",
                visits: 2, totalValue: 2, reward: 1, prior: 0.5, generatedTokens: 60, logProb: -3.5, isTerminal: true,
                createdInRollout: 1),
        ]
    }

    @Test("Runs, problems, nodes and executions round-trip; the seed keeps all 64 bits")
    func roundTrip() throws {
        let store = try RunStore.inMemory()
        let run = try store.createRun(makeRun())
        let id = try #require(run.id)
        let exec = ExecutionRecord(
            runId: id, problemId: "Mbpp/2", nodeIndex: 1, scope: .full, verdict: "passed", passRate: 1, tests: "[]",
            code: "def f(): pass")

        try store.saveFinishedProblem(problem(id, "Mbpp/2"), nodes: nodes(id, "Mbpp/2"), executions: [exec])

        #expect(try store.run(id) == run)
        let stored = try #require(try store.run(id))
        #expect(UInt64(bitPattern: stored.seed) == UInt64.max - 1)
        #expect(try store.problems(run: id) == [problem(id, "Mbpp/2")])
        #expect(try store.nodes(run: id, problem: "Mbpp/2") == nodes(id, "Mbpp/2"))
        #expect(try store.executions(run: id, problem: "Mbpp/2") == [exec])
        #expect(try store.finishedProblemIDs(run: id) == ["Mbpp/2"])
        #expect(try store.nodes(run: id, problem: "Mbpp/2")[1].meanValue == 1)
    }

    @Test("A finished problem cannot be stored twice, and the failed write leaves nothing behind")
    func duplicate() throws {
        let store = try RunStore.inMemory()
        let id = try #require(store.createRun(makeRun()).id)
        try store.saveFinishedProblem(problem(id, "p"), nodes: nodes(id, "p"), executions: [])

        #expect(throws: RunStoreError.self) {
            try store.saveFinishedProblem(problem(id, "p"), nodes: nodes(id, "p"), executions: [])
        }
        #expect(try store.nodes(run: id, problem: "p").count == 2)
    }

    @Test("A file store keeps its contents across reopening, and status updates persist")
    func reopen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runstore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("runs.sqlite").path
        let id: Int64
        do {
            let store = try RunStore(path: path)
            id = try #require(store.createRun(makeRun()).id)
            try store.saveFinishedProblem(problem(id, "a"), nodes: nodes(id, "a"), executions: [])
            try store.setStatus(.interrupted, run: id)
        }
        let again = try RunStore(path: path)
        #expect(try again.finishedProblemIDs(run: id) == ["a"])
        #expect(try again.run(id)?.status == .interrupted)
        #expect(try again.runs().count == 1)
    }
}
