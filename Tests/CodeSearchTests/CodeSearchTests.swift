import CodeSearch
import Execution
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import RunStorage
import Search
import Testing

@Suite struct CodeSearchTests {
    static func problem(_ id: String) -> Problem {
        Problem(
            id: ProblemID(id), dataset: .mbpp, prompt: "Write add(a, b) returning the sum.\nassert add(1, 2) == 3",
            style: .function(entryPoint: "add"), referenceSolution: "def add(a, b):\n    return a + b",
            tests: TestSuite(cases: (0..<12).map { .assertion("assert add(\($0), 1) == \($0 + 1)") }))
    }

    static let good = "def add(a, b):\n    return a + b"
    static let bad = "def add(a, b):\n    return a - b"

    static func codeStep(_ code: String) -> String { "code\">\n```python\n\(code)\n```\n</step>" }

    static func configuration(rollouts: Int = 4) -> CodeSearchConfiguration {
        var c = CodeSearchConfiguration.standard
        c.search.width = 2
        c.search.maxDepth = 2
        c.search.rollouts = rollouts
        return c
    }

    static func searcher(_ model: ScriptedLanguageModel, _ sandbox: FakeSandbox, rollouts: Int = 4) throws -> ProblemSearcher {
        let prompts = PromptBuilder(library: try FewShotLibrary.bundled())
        return ProblemSearcher(
            generator: StepGenerator(model: model, prompts: prompts), sandbox: sandbox,
            configuration: configuration(rollouts: rollouts), rewardTests: .oracle)
    }

    static func sandbox() -> FakeSandbox {
        FakeSandbox { program, suite, _ in
            FakeSandbox.report(program.contains("a + b") ? .passed : .failed(test: 0, message: "wrong"), testCount: suite.count)
        }
    }

    @Test("A search finds the passing code step, verifies it on the full suite and stops early")
    func solves() async throws {
        let model = ScriptedLanguageModel([
            .texts(["structure\">\nOutline add.\n</step>", "structure\">\nAnother outline.\n</step>"]),
            .texts([Self.codeStep(Self.bad), Self.codeStep(Self.good)]),
        ])
        let sandbox = Self.sandbox()

        let result = try await Self.searcher(model, sandbox).search(Self.problem("Mbpp/1"))

        #expect(result.isSolved)
        #expect(result.outcome.stopReason == .perfectSolution)
        #expect(result.outcome.statistics.firstSolutionRollout == 1)
        let answer = try #require(result.answer)
        #expect(result.codes[answer] == Self.good)
        // Search tests are a seeded subset of 10; verification uses all 12.
        let suites = sandbox.evaluations.map(\.suite.count)
        #expect(suites.contains(10))
        #expect(suites.last == 12)
        #expect(sandbox.evaluations.allSatisfy { $0.entryPoint == "add" })
        // Step-wise requests carry the step-end stop string and ask for `width` samples.
        #expect(model.requests.allSatisfy { $0.n == 2 && $0.parameters.stop.contains(StepFormat.stepEnd) })
    }

    @Test("Unparsable samples are dropped but their tokens still count")
    func unparsable() async throws {
        let model = ScriptedLanguageModel([
            .texts(["no label here at all", "structure\">\nOutline.\n</step>"]),
            .texts([Self.codeStep(Self.bad), Self.codeStep(Self.bad)]),
        ])
        let result = try await Self.searcher(model, Self.sandbox(), rollouts: 1).search(Self.problem("Mbpp/1"))

        #expect(result.unparsableSteps == 1)
        #expect(result.outcome.tree.root.children.count == 1)
        #expect(!result.isSolved)
        #expect(model.remainingReplies == 0)
        // ScriptedLanguageModel counts one token per word, cut at the stop string </step>: the
        // unparsable "no label here at all" is 5, the outline 2, each code step 10.
        #expect(result.outcome.statistics.generatedTokens == 5 + 2 + 2 * 10)
    }

    @Test("The seeded test subset is stable and in suite order")
    func subset() {
        let suite = Self.problem("p").tests
        let a = SearchTestSelection.subset(of: suite, limit: 5, seed: 7, problem: "p")
        let b = SearchTestSelection.subset(of: suite, limit: 5, seed: 7, problem: "p")
        let c = SearchTestSelection.subset(of: suite, limit: 5, seed: 8, problem: "p")
        #expect(a == b)
        #expect(a.cases.count == 5)
        #expect(a != c)
        let positions = a.cases.compactMap { suite.cases.firstIndex(of: $0) }
        #expect(positions == positions.sorted())
        #expect(SearchTestSelection.subset(of: suite, limit: nil, seed: 7, problem: "p") == suite)
    }

    @Test("A run resumes: finished problems are stored whole and never searched again")
    func resume() async throws {
        let store = try RunStore.inMemory()
        let run = try #require(try store.createRun(
            RunRecord(
                kind: .search, status: .running, createdAt: Date(), configuration: "{}", seed: 42, toolVersion: "test",
                modelName: "scripted", modelSHA256: nil, datasetName: "mbpp", datasetPath: "x", datasetSHA256: nil)).id)
        let solvingScript: [ScriptedLanguageModel.Reply] = [
            .texts(["structure\">\nOutline.\n</step>"]), .texts([Self.codeStep(Self.good)]),
        ]
        let first = ScriptedLanguageModel(solvingScript + solvingScript)
        try await SearchRunner(searcher: Self.searcher(first, Self.sandbox()), store: store, problemsInFlight: 1)
            .run(run, problems: [Self.problem("a"), Self.problem("b")])

        let second = ScriptedLanguageModel(solvingScript)
        let searched = try await SearchRunner(searcher: Self.searcher(second, Self.sandbox()), store: store)
            .run(run, problems: [Self.problem("a"), Self.problem("b"), Self.problem("c")])

        #expect(searched == 1)
        #expect(second.remainingReplies == 0)
        #expect(try store.finishedProblemIDs(run: run) == ["a", "b", "c"])
        let nodes = try store.nodes(run: run, problem: "c")
        #expect(nodes.count == 3)
        #expect(nodes.last?.action == .code)
        let executions = try store.executions(run: run, problem: "c")
        #expect(Set(executions.map(\.scope)) == [.search, .full])
        #expect(executions.count == 2)
        #expect(try store.problems(run: run).allSatisfy(\.solved))
    }
}
