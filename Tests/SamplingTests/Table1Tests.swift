import Foundation
import Inference
import O1CoderCore
import Reasoning
import Sampling
import Testing

/// Table 1 rendering (golden) and cell selection.
@Suite struct Table1Tests {
    /// A problem record whose prefixes have these pass patterns.
    static func record(_ id: String, _ prefixes: [[Bool]]) -> SampledProblem {
        SampledProblem(
            taskID: ProblemID(id),
            prefixes: prefixes.enumerated().map { index, passes in
                PrefixRecord(
                    index: index, text: "", trace: nil, end: .modelChoseCode, generatedTokens: 0,
                    completions: passes.enumerated().map { i, passed in
                        CompletionRecord(
                            index: i, rawText: "", code: "pass", parseFailure: nil, parseIssues: [],
                            verdict: passed ? "passed" : "failed", passed: passed, passRate: passed ? 1 : 0, message: nil,
                            generatedTokens: 10, stopReason: .endOfSequence)
                    })
            },
            usage: TokenUsage(generatedTokens: 10), seconds: 1)
    }

    static func run(_ directory: String, _ style: PromptStyle, _ p: SamplingProtocol, _ records: [SampledProblem]) -> Table1Run {
        var manifest = Fixtures.manifest(Fixtures.configuration(style, p), problems: 2, model: "qwen2.5-coder-0.5b-instruct")
        manifest.selection = ProblemSelection(splits: ["test"], limit: 2)
        return Table1Run(directory: directory, manifest: manifest, records: records)
    }

    static let runs = [
        // Vanilla (CoT) ASPR: problem 1 has one correct prefix of 2 at 1/2; problem 2 none.
        run("runs/cot", .chainOfThought, .aspr(prefixes: 2, completions: 2), [
            record("Mbpp/1", [[true, false], [false, false]]), record("Mbpp/2", [[false, false], [false, false]]),
        ]),
        // Pseudocode ASPR: two correct prefixes (1 and 1/2) on problem 1, one (1/2) on problem 2.
        run("runs/pseudo", .pseudocode, .aspr(prefixes: 2, completions: 2), [
            record("Mbpp/1", [[true, true], [true, false]]), record("Mbpp/2", [[false, true], [false, false]]),
        ]),
        // An independent pseudocode run overrides the ASPR run's Pass@1.
        run("runs/pseudo-n4", .pseudocode, .independent(samples: 4), [
            record("Mbpp/1", [[true, true, true, false]]), record("Mbpp/2", [[false, false, false, false]]),
        ]),
        run("runs/direct", .direct, .independent(samples: 1), [record("Mbpp/1", [[true]]), record("Mbpp/2", [[false]])]),
    ]

    @Test("cells: vanilla = CoT, Pass@1 from the independent run when there is one, ASPR from ASPR runs")
    func cells() throws {
        let table = Table1(runs: Self.runs)
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == Table1.paperRow)
        let ours = table.rows[1]
        #expect(ours.dataset == "mbpp test")
        #expect(ours.passAt1Vanilla?.percent == 12.5)
        #expect(ours.passAt1Pseudocode?.percent == 37.5)
        #expect(ours.passAt1Pseudocode?.run == "runs/pseudo-n4")
        #expect(ours.asprVanilla?.percent == 50)
        #expect(ours.asprVanilla?.problems == 1)
        #expect(ours.asprPseudocode?.percent == 62.5)
        #expect(table.notes.contains { $0.contains("runs/direct") && $0.contains("not in the table") })
    }

    @Test("cells carry bootstrap intervals over their problems; ours get paired pseudocode − vanilla differences")
    func intervalsAndPairs() throws {
        let ours = Table1(runs: Self.runs).rows[1]
        // Pass@1 vanilla: per-problem fractions 1/4 and 0, so the interval lies within [0, 0.25].
        let vanilla = try #require(ours.passAt1Vanilla?.interval)
        #expect(vanilla.lower >= 0 && vanilla.upper <= 0.25 && vanilla.lower <= 0.125 && vanilla.upper >= 0.125)
        #expect(Table1.paperRow.passAt1Vanilla?.interval == nil)
        // Pass@1 pairs the independent pseudocode run (3/4, 0) with the CoT run (1/4, 0).
        let pass = try #require(ours.passAt1Difference)
        #expect(pass.problems == 2)
        #expect(abs(pass.points - 25) < 1e-9)
        #expect(pass.signTest.onlyFirst == 1 && pass.signTest.onlySecond == 0)
        #expect(pass.interval.lower >= 0 && pass.interval.upper <= 0.5)
        // ASPR: only Mbpp/1 has a correct prefix in both (pseudocode 3/4, CoT 1/2).
        let aspr = try #require(ours.asprDifference)
        #expect(aspr.problems == 1)
        #expect(abs(aspr.points - 25) < 1e-9)
        #expect(Table1.paperRow.passAt1Difference == nil)
    }

    @Test("a difference needs a problem in both runs; ties do not count in the sign test")
    func differenceEdges() {
        #expect(Table1Difference(pseudocode: [ProblemID("a"): 1], vanilla: [ProblemID("b"): 0]) == nil)
        let tied = Table1Difference(pseudocode: [ProblemID("a"): 0.5, ProblemID("b"): 1], vanilla: [ProblemID("a"): 0.5, ProblemID("b"): 0])
        #expect(tied?.signTest.onlyFirst == 1 && tied?.signTest.onlySecond == 0 && tied?.signTest.pValue == 1)
        #expect(tied?.problems == 2)
    }

    @Test("Markdown render matches the golden file (O1CODER_UPDATE_GOLDEN=1 rewrites it)")
    func golden() throws {
        let actual = Table1(runs: Self.runs).markdown
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/table1.md").path
        if ProcessInfo.processInfo.environment["O1CODER_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test("the JSON form round-trips")
    func json() throws {
        let table = Table1(runs: Self.runs)
        let data = try JSONEncoder().encode(table)
        #expect(try JSONDecoder().decode(Table1.self, from: data) == table)
    }
}
