import CodeSearch
import Foundation
import O1CoderCore
import O1CoderTestSupport
import RunStorage
import Search
import SelfPlay
import Testing

/// The held-out evaluations beyond greedy pass@1: ASPR of pseudocode reasoning and MCTS solved
/// at a fixed budget, each from its own resumable ledger, graded on hidden tests.
@Suite struct SelfPlayEvaluationTests {
    func evaluate(answer: String) async throws -> (SelfPlayState.Evaluation, String, SelfPlayState) {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-eval-\(UUID().uuidString)"
        var search = CodeSearchConfiguration.standard
        search.search.width = 2
        search.search.rollouts = 2
        let configuration = SelfPlayConfiguration(
            search: search, namePrefix: "sp", evaluationASPR: .init(prefixes: 2, completions: 2), evaluationSearchBudget: 400)
        // Hidden tests decide: the sandbox passes `a + b` only.
        let sandbox = FakeSandbox { program, suite, _ in
            FakeSandbox.report(program.contains("a + b") ? .passed : .failed(test: 0, message: "wrong"), testCount: suite.count)
        }
        let loop = try SelfPlayLoop(
            configuration: configuration, models: { _ in ConstantLanguageModel(cycling: [answer]) }, sandbox: sandbox,
            store: try RunStore(path: scratch + "/runs.sqlite"), trainer: SelfPlayConfigurationVersionTests.NoTrainer(),
            directory: scratch + "/selfplay")
        let problems = [SelfPlayLoopTests.problem("Mbpp/1"), SelfPlayLoopTests.problem("Mbpp/2")]
        let state = try await loop.run(rounds: 0, basePolicy: "m", train: [], evaluate: problems)
        return (try #require(state.rounds.first?.evaluation), scratch + "/selfplay/round-0", state)
    }

    @Test("a policy that writes the right code: ASPR 100% on both problems, MCTS solves both within the budget")
    func right() async throws {
        let (evaluation, folder, state) = try await evaluate(answer: SelfPlayLoopTests.answer)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let aspr = try #require(evaluation.aspr)
        #expect(aspr.value == 1 && aspr.problemsWithCorrectPrefix == 2 && aspr.problems == 2 && aspr.passAt1 == 1)
        #expect(aspr.perProblem == ["Mbpp/1": 1, "Mbpp/2": 1])
        let search = try #require(evaluation.search)
        #expect(search.budget == 400 && search.solved == 2 && search.problems == 2 && search.meanTokens > 0)
        #expect(search.outcomes == ["Mbpp/1": true, "Mbpp/2": true])
        for ledger in ["evaluation-aspr.jsonl", "evaluation-search.jsonl"] {
            let lines = try String(contentsOfFile: folder + "/" + ledger, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2, "\(ledger): one record per problem")
        }
        // The round table and the report show both.
        #expect(state.table.contains { $0.contains("held-out ASPR m=2 n=2: 100.0% (2/2 problems with a correct prefix)") && $0.contains("MCTS at 400 tokens: 2/2") })
        let page = SelfPlayReport(state: state).html()
        #expect(page.contains("held-out ASPR") && page.contains("2/2 @ 400 tokens"))
    }

    @Test("held-out problems that are also training problems are refused, before anything runs")
    func overlap() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-overlap-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let loop = try SelfPlayLoop(
            configuration: SelfPlayConfiguration(namePrefix: "sp"), models: { _ in ConstantLanguageModel(cycling: ["x"]) },
            sandbox: FakeSandbox { _, suite, _ in FakeSandbox.report(.passed, testCount: suite.count) },
            store: try RunStore(path: scratch + "/runs.sqlite"), trainer: SelfPlayConfigurationVersionTests.NoTrainer(),
            directory: scratch + "/selfplay")
        let error = await #expect(throws: SelfPlayError.self) {
            try await loop.run(
                rounds: 1, basePolicy: "m", train: [SelfPlayLoopTests.problem("Mbpp/601"), SelfPlayLoopTests.problem("Mbpp/602")],
                evaluate: [SelfPlayLoopTests.problem("Mbpp/11"), SelfPlayLoopTests.problem("Mbpp/601")])
        }
        #expect(error?.description.contains("1 held-out problems are also training problems (Mbpp/601") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: scratch + "/selfplay/selfplay.json"))
    }

    @Test("a policy that writes wrong code: no correct prefix (ASPR undefined, not 0) and nothing solved")
    func wrong() async throws {
        let (evaluation, folder, _) = try await evaluate(answer: SelfPlayLoopTests.wrong)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        let aspr = try #require(evaluation.aspr)
        #expect(aspr.value == nil && aspr.problemsWithCorrectPrefix == 0 && aspr.passAt1 == 0)
        let search = try #require(evaluation.search)
        #expect(search.solved == 0 && search.problems == 2 && search.interval.upper > 0)
    }
}
