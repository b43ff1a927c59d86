import Foundation
import Inference
import O1CoderCore
import RunStorage
import Testing
import TrainingData

/// A small tree as the search stores it:
/// root ─ s1 (structure, N3 Q2) ─ c1 (code, reward 1, passes all tests)
///      │                       └ c2 (code, reward 0.1)
///      └ s2 (structure, N1 Q0.1) ─ c3 (code, reward 0.1)
@Suite struct ProcessDataExporterTests {
    static let problem = Problem(
        id: "Mbpp/2", dataset: .mbpp, prompt: "Write add(a, b).", style: .function(entryPoint: "add"),
        referenceSolution: nil, tests: TestSuite(cases: [.assertion("assert add(1, 2) == 3")]))

    static func node(_ i: Int, _ parent: Int?, _ depth: Int, _ action: ReasoningAction?, _ text: String?, n: Int, q: Double, reward: Double? = nil) -> NodeRecord {
        NodeRecord(
            runId: 1, problemId: "Mbpp/2", nodeIndex: i, parentIndex: parent, depth: depth, action: action, text: text,
            visits: n, totalValue: q, reward: reward, prior: 1, generatedTokens: 10, logProb: nil,
            isTerminal: action == .code, createdInRollout: 1)
    }

    static let tree = SearchedProblem(
        problem: problem,
        nodes: [
            node(0, nil, 0, nil, nil, n: 4, q: 2.1),
            node(1, 0, 1, .structure, "add two numbers", n: 3, q: 2.0),
            node(2, 0, 1, .structure, "subtract?", n: 1, q: 0.1),
            node(3, 1, 2, .code, "```python\ndef add(a, b):\n    return a + b\n```", n: 2, q: 2, reward: 1),
            node(4, 1, 2, .code, "```python\ndef add(a, b):\n    return a\n```", n: 1, q: 0.1, reward: 0.1),
            node(5, 2, 2, .code, "```python\ndef add(a, b):\n    return a - b\n```", n: 1, q: 0.1, reward: 0.1),
        ],
        executions: [
            ExecutionRecord(runId: 1, problemId: "Mbpp/2", nodeIndex: 3, scope: .full, verdict: .passed, passRate: 1, tests: [], code: ""),
            ExecutionRecord(runId: 1, problemId: "Mbpp/2", nodeIndex: 4, scope: .search, verdict: .failed, passRate: 0, tests: [], code: ""),
            ExecutionRecord(runId: 1, problemId: "Mbpp/2", nodeIndex: 5, scope: .full, verdict: .failed, passRate: 0, tests: [], code: ""),
        ])

    static let prompt: [ChatMessage] = [.system("You reason in pseudocode."), .user("Write add(a, b).")]

    func golden(_ name: String, _ actual: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil)).appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["O1CODER_UPDATE_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
            try actual.write(to: source, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "golden \(name) differs; regenerate deliberately with O1CODER_UPDATE_GOLDEN=1")
    }

    @Test("SFT: only traces that pass the full suite, as chat messages")
    func sft() throws {
        let records = ProcessDataExporter().sft(Self.tree, prompt: Self.prompt)
        #expect(records.count == 1)
        #expect(records[0].messages.last?.content.contains("return a + b") == true)
        try golden("sft.jsonl", JSONCoding.lines(records))
    }

    @Test("PRM point-wise: one record per complete path; Q/N values, raw reward on terminals")
    func prm() throws {
        let records = ProcessDataExporter().prm(Self.tree, prompt: Self.prompt)
        #expect(records.count == 3)
        #expect(records[0].values == [2.0 / 3.0, 1])
        #expect(records[0].labels == [true, true])
        #expect(records[1].labels == [true, false])
        #expect(records[2].values == [0.1, 0.1])
        #expect(records[2].labels == [false, false])
        // The problem as the PRM scorer shows it, not the policy's system prompt.
        #expect(records.allSatisfy { $0.prompt == Self.problem.prompt })
        try golden("prm.jsonl", JSONCoding.lines(records))
    }

    @Test("PRM label rules: hard threshold, Math-Shepherd (> 0), soft; a minimum visit count drops thin paths")
    func labelRules() {
        let shepherd = ProcessDataExporter(labelRule: .mathShepherd).prm(Self.tree, prompt: Self.prompt)
        #expect(shepherd[2].labels == [true, false], "s2 has value 0.1 > 0")
        let strict = ProcessDataExporter(labelThreshold: 0.7).prm(Self.tree, prompt: Self.prompt)
        #expect(strict[0].labels == [false, true])
        let soft = ProcessDataExporter(labelRule: .soft).prm(Self.tree, prompt: Self.prompt)
        #expect(soft[0].values == [2.0 / 3.0, 1])
        #expect(ProcessDataExporter(minimumVisits: 2).prm(Self.tree, prompt: Self.prompt).count == 2)
    }

    @Test("PRM pairs: siblings with a value margin, better first")
    func pairs() throws {
        let records = ProcessDataExporter().prmPairs(Self.tree, prompt: Self.prompt)
        // (s1, s2) at the root and (c1, c2) under s1.
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.chosenValue - $0.rejectedValue >= 0.2 })
        #expect(ProcessDataExporter(pairMargin: 0.95).prmPairs(Self.tree, prompt: Self.prompt).isEmpty)
        // The pair under s1 carries s1 in its prompt; the root pair has only the problem.
        let under = try #require(records.first { !$0.prefix.isEmpty })
        #expect(under.prompt.hasSuffix(under.prefix.joined()))
        #expect(under.prompt.contains("add two numbers"))
        try golden("prm-pairs.jsonl", JSONCoding.lines(records))
    }

    @Test("PPM pairs (rStar-Math): a step whose subtree reached a verified pass against one that reached only verified failures")
    func ppm() throws {
        // Root: s1 (Q 2/3, c1 below passes) against s2 (Q 0.1, c3 below verified to fail). Under
        // s1, c2 failed only its reward tests (unverified), so it is neither side.
        #expect(ProcessDataExporter().ppmPairs(Self.tree, prompt: Self.prompt).isEmpty, "the two steps differ by < 20 characters")
        var exporter = ProcessDataExporter()
        exporter.ppmMinimumEditDistance = 5
        let records = exporter.ppmPairs(Self.tree, prompt: Self.prompt)
        try #require(records.count == 1)
        #expect(records[0].pos.contains("add two numbers") && records[0].neg.contains("subtract?"))
        #expect(records[0].posQ == 2.0 / 3.0 && records[0].negQ == 0.1)
        #expect(records[0].prefix.isEmpty && records[0].prompt.contains("Write add(a, b)."))
        exporter.ppmMargin = 0.6
        #expect(exporter.ppmPairs(Self.tree, prompt: Self.prompt).isEmpty, "Q margin 0.57 < 0.6")
        exporter.ppmMargin = 0.5
        exporter.ppmMinimumEditDistance = 200
        #expect(exporter.ppmPairs(Self.tree, prompt: Self.prompt).isEmpty)
        let line = try JSONCoding.lines(records)
        #expect(line.contains(#""pos_q":"#) && line.contains(#""neg_q":"#) && line.contains(#""problem_id":"#))
        #expect(try JSONDecoder().decode(PPMPair.self, from: Data(line.utf8)) == records[0])
    }

    @Test("DPO: a verified trace against worse ones verified to fail (never an unverified one, never itself)")
    func dpo() throws {
        let records = ProcessDataExporter().dpo(Self.tree, prompt: Self.prompt)
        // c2 (node 4) failed only its reward tests, so it may be correct: not a rejected answer.
        #expect(records.count == 1)
        #expect(records[0].rejected.last?.content.contains("return a - b") == true)
        #expect(records.allSatisfy { $0.chosen != $0.rejected && $0.chosenReward == 1 })
        try golden("dpo.jsonl", JSONCoding.lines(records))
    }

    /// Two verified-correct traces and two verified failures whose steps differ in value:
    /// s2 (0.2) ─ c2 ✓, s1 (0.9) ─ c1 ✓, s4 (0.05) ─ c4 ✗, s3 (0.8) ─ c3 ✗.
    static let ranked: SearchedProblem = {
        let text = { (body: String) in "```python\ndef add(a, b):\n    return \(body)\n```" }
        return SearchedProblem(
            problem: problem,
            nodes: [
                node(0, nil, 0, nil, nil, n: 4, q: 2.2),
                node(1, 0, 1, .structure, "s2", n: 1, q: 0.2), node(2, 0, 1, .structure, "s1", n: 1, q: 0.9),
                node(3, 0, 1, .structure, "s4", n: 1, q: 0.05), node(4, 0, 1, .structure, "s3", n: 1, q: 0.8),
                node(5, 1, 2, .code, text("b + a"), n: 1, q: 1, reward: 1), node(6, 2, 2, .code, text("a + b"), n: 1, q: 1, reward: 1),
                node(7, 3, 2, .code, text("a - b"), n: 1, q: 0.1, reward: 0.1), node(8, 4, 2, .code, text("a * b"), n: 1, q: 0.1, reward: 0.1),
            ],
            executions: [5, 6, 7, 8].map { i in
                ExecutionRecord(
                    runId: 1, problemId: "Mbpp/2", nodeIndex: i, scope: .full, verdict: i < 7 ? .passed : .failed, passRate: i < 7 ? 1 : 0,
                    tests: [], code: "")
            })
    }()

    @Test("DPO ranked by φ: the steps' values break the outcome's ties (best correct path against the worst failing one)")
    func phiRanking() throws {
        var exporter = ProcessDataExporter(maxPairsPerProblem: 1)
        // By outcome the two sides tie; the first correct and the last failing trace are taken.
        let byOutcome = try #require(exporter.dpo(Self.ranked, prompt: Self.prompt).first)
        #expect(byOutcome.chosen.last?.content.contains("b + a") == true && byOutcome.rejected.last?.content.contains("a * b") == true)
        #expect(byOutcome.chosenReward == 1 && byOutcome.rejectedReward == 0.1)
        // φ at t = 50 (α = 0.5), code's discount: c1 = 0.5 + 0.5 · (0.9 + 0.9 · 1) / 2 = 0.95 and
        // c4 = 0.05 + 0.5 · (0.05 + 0.9 · 0.1) / 2 = 0.085.
        exporter.dpoRanking = .aggregated(RewardAggregator(), step: 50)
        let byPhi = try #require(exporter.dpo(Self.ranked, prompt: Self.prompt).first)
        #expect(byPhi.chosen.last?.content.contains("a + b") == true && byPhi.rejected.last?.content.contains("a - b") == true)
        #expect(abs(byPhi.chosenReward - 0.95) < 1e-12 && abs(byPhi.rejectedReward - 0.085) < 1e-12)
        // A PRM's scores, where present, replace the tree's values: now s2's path is the best.
        var scored = Self.ranked
        scored.processRewards = [1: 0.99, 2: 0.01]
        let byPRM = try #require(exporter.dpo(scored, prompt: Self.prompt).first)
        #expect(byPRM.chosen.last?.content.contains("b + a") == true)
        // At t = 0 (α = 1) φ is the outcome again.
        exporter.dpoRanking = .aggregated(RewardAggregator(), step: 0)
        #expect(try #require(exporter.dpo(Self.ranked, prompt: Self.prompt).first).chosen == byOutcome.chosen)
    }

    /// Scores a step by its position and records each path it was shown.
    final class PathPRM: ProcessRewardModel, @unchecked Sendable {
        var shown: [(problem: String, steps: [String])] = []
        func scores(problem: String, steps: [String]) async throws -> [Double] {
            shown.append((problem, steps))
            return steps.indices.map { 0.1 * Double($0 + 1) }
        }
    }

    @Test("PRM step scores for φ: one pass per terminal path, by node, in the PRM's own format; a wrong count is a clear error")
    func stepScores() async throws {
        #expect(Self.ranked.canFormPreferencePair)
        let prm = PathPRM()
        let scores = try await Self.ranked.stepScores(by: prm)
        #expect(prm.shown.count == 4, "four terminal paths of two steps")
        #expect(prm.shown.allSatisfy { $0.problem == Self.problem.prompt && $0.steps.count == 2 && $0.steps[0].hasPrefix("<step action=\"structure\">") })
        #expect(scores == [1: 0.1, 2: 0.1, 3: 0.1, 4: 0.1, 5: 0.2, 6: 0.2, 7: 0.2, 8: 0.2])

        final class ShortPRM: ProcessRewardModel {
            func scores(problem: String, steps: [String]) async throws -> [Double] { [0.5] }
        }
        await #expect(throws: ExportError.self) { try await Self.ranked.stepScores(by: ShortPRM()) }
    }
}

