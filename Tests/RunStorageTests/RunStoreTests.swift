import Foundation
import GRDB
import O1CoderCore
@testable import RunStorage
import Testing

@Suite struct RunStoreTests {
    func makeRun() -> RunRecord {
        RunRecord(
            id: nil, kind: .search, status: .running, createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            configuration: #"{"rollouts":15}"#, seed: Int64(bitPattern: UInt64.max - 1), toolVersion: "0.1.0",
            modelName: "smollm2", modelSHA256: "abc", datasetName: "mbpp", datasetPath: "/d/mbpp.jsonl",
            datasetSHA256: "def")
    }

    static let sampleProblem = Problem(
        id: "Mbpp/2", dataset: .mbpp, prompt: "Write f.\nIt returns https://example.com/x.", style: .function(entryPoint: "f"),
        referenceSolution: "def f(): pass", tests: TestSuite(cases: []))

    func problem(_ run: RunID, _ id: ProblemID) -> ProblemRecord {
        ProblemRecord(
            runId: run, problemId: id, problem: Self.sampleProblem, solved: true, bestReward: 1, rollouts: 3, generatedTokens: 120,
            promptTokensEvaluated: 300, promptTokensReused: 200, firstSolutionRollout: 2, stopReason: "perfect_solution",
            seconds: 1.5, finishedAt: Date(timeIntervalSince1970: 1_700_000_100))
    }

    func nodes(_ run: RunID, _ id: ProblemID) -> [NodeRecord] {
        [
            NodeRecord(
                runId: run, problemId: id, nodeIndex: 0, parentIndex: nil, depth: 0, action: nil, text: nil, visits: 3,
                totalValue: 2, reward: nil, prior: 1, generatedTokens: 0, logProb: nil, isTerminal: false,
                createdInRollout: 0),
            NodeRecord(
                runId: run, problemId: id, nodeIndex: 1, parentIndex: 0, depth: 1, action: .code, text: "```python\n```",
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
            runId: id, problemId: "Mbpp/2", nodeIndex: 1, scope: .full, verdict: .passed, passRate: 1, tests: [TestResult(index: 0, status: .passed), TestResult(index: 1, status: .failed, message: "assert f(2) == 4")],
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
        // Identifiers and the action are stored as their raw values, the v1 columns' contents.
        let raw = try store.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT runId, problemId, action FROM node WHERE nodeIndex = 1")
        }
        #expect(raw?["runId"] as Int64? == id.rawValue && raw?["problemId"] as String? == "Mbpp/2" && raw?["action"] as String? == "code")
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
        let id: RunID
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

    @Test("A store written before the columns were typed opens: its JSON text decodes to the typed problem and test results")
    func typedColumnsReadOldRows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runstore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("runs.sqlite").path
        let tests = [TestResult(index: 0, status: .passed), TestResult(index: 1, status: .failed, message: "assert f(2) == 4")]
        // What the writer of 0.1.0 before typed columns stored: JSONEncoder with sorted keys and escaped slashes.
        let old = JSONEncoder()
        old.outputFormatting = [.sortedKeys]
        let problemText = String(decoding: try old.encode(Self.sampleProblem), as: UTF8.self)
        let testsText = String(decoding: try old.encode(tests), as: UTF8.self)
        #expect(problemText.contains(#"https:\/\/"#), "the old text escapes slashes; the new encoding does not")
        let id: RunID
        do {
            let store = try RunStore(path: path)
            id = try #require(store.createRun(makeRun()).id)
            try store.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO problem VALUES (?, 'Mbpp/2', ?, 1, 1.0, 3, 120, 300, 200, 2, 'perfect_solution', 1.5, '2023-11-14 22:15:00.000');
                        INSERT INTO execution VALUES (?, 'Mbpp/2', 1, 'full', 'passed', 0.5, ?, 'def f(): pass');
                        """,
                    arguments: [id, problemText, id, testsText])
            }
        }
        let store = try RunStore(path: path)
        let row = try #require(try store.problems(run: id).first)
        #expect(row.problem == Self.sampleProblem)
        let execution = try #require(try store.executions(run: id, problem: "Mbpp/2").first)
        #expect(execution.verdict == .passed && execution.tests == tests)

        // What this version writes is the project's one JSON encoding, byte for byte.
        try store.saveFinishedProblem(problem(id, "Mbpp/3"), nodes: [], executions: [])
        let stored = try store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT problem FROM problem WHERE problemId = 'Mbpp/3'")
        }
        #expect(stored == (try JSONCoding.string(Self.sampleProblem)))
    }
}
