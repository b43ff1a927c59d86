import CodeSearch
import Execution
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import RunStorage
import Search
import TestGeneration
import Testing

/// Search rewarded by TCG-generated tests, verified on ground truth, with the reward's
/// precision and recall over the terminals.
@Suite struct GeneratedRewardTests {
    static let good = "def add(a, b):\n    return a + b"
    static let commuted = "def add(a, b):\n    return b + a"
    static let weak1 = "def add(a, b):\n    return 3  # weak 1"
    static let weak2 = "def add(a, b):\n    return 3  # weak 2"
    static let bad = "def add(a, b):\n    return a - b"

    /// Two generated tests (calls), unlike the 12 ground-truth assertions of the problem.
    static let generated = TestSuite(cases: [
        .call(arguments: "[1, 2]", expected: .pythonLiteral("3")),
        .call(arguments: "[0, 3]", expected: .pythonLiteral("3")),
    ])

    /// Ground truth: the sums pass. Generated tests: scripted so that the constant programs pass
    /// them (too-weak tests: false positives) and the commuted sum fails them (a wrong generated
    /// test: a false negative).
    static func sandbox() -> FakeSandbox {
        FakeSandbox { program, suite, _ in
            let isGroundTruth = suite.cases.contains { if case .assertion = $0 { true } else { false } }
            let passes = isGroundTruth
                ? program.contains("a + b") || program.contains("b + a")
                : program.contains("a + b") || program.contains("return 3")
            return FakeSandbox.report(passes ? .passed : .failed(test: 0, message: "scripted"), testCount: suite.count)
        }
    }

    /// One root expansion of five code steps: weak1 and the good sum both earn reward 1, so the
    /// search stops after one rollout with weak1 (first on the tie) as its answer.
    static func model() -> ScriptedLanguageModel {
        ScriptedLanguageModel([
            .texts([weak1, commuted, good, bad, weak2].map(CodeSearchTests.codeStep))
        ])
    }

    static func searcher(_ model: ScriptedLanguageModel, _ sandbox: FakeSandbox, _ rewardTests: RewardTests) throws
        -> ProblemSearcher
    {
        ProblemSearcher(
            generator: StepGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled())),
            sandbox: sandbox, configuration: CodeSearchTests.configuration(rollouts: 1), rewardTests: rewardTests)
    }

    @Test("Generated tests reward the search; every terminal is verified on ground truth; precision and recall")
    func generatedReward() async throws {
        let sandbox = Self.sandbox()
        let problem = CodeSearchTests.problem("Mbpp/1")
        let result = try await Self.searcher(Self.model(), sandbox, .generated([problem.id: Self.generated]))
            .search(problem)

        // The reward suite is the generated one, whole; ground truth (12 tests) only verifies.
        let searchRuns = sandbox.evaluations.filter { $0.suite.cases.count != 12 }
        #expect(searchRuns.count == 5)
        #expect(searchRuns.allSatisfy { $0.suite.cases == Self.generated.cases })
        #expect(sandbox.evaluations.filter { $0.suite.cases.count == 12 }.count == 5)
        #expect(result.codes.count == 5)
        #expect(Set(result.fullReports.keys) == Set(result.codes.keys))

        // Rewarded as perfect on weak tests, the answer is wrong on ground truth.
        let answer = try #require(result.answer)
        #expect(result.codes[answer] == Self.weak1)
        #expect(result.outcome.stopReason == .perfectSolution)
        #expect(!result.isSolved)

        // TP good; FP weak1, weak2; FN commuted; TN bad.
        let matrix = try #require(result.rewardAgreement)
        #expect(matrix == AgreementMatrix(truePositives: 1, falsePositives: 2, falseNegatives: 1, trueNegatives: 1))
        #expect(matrix.precision == 1.0 / 3.0)
        #expect(matrix.recall == 0.5)
        #expect(matrix.agreement == 2.0 / 5.0)
        #expect(RewardAgreement.summary(matrix).contains("precision 33.3% · recall 50.0%"))

        // Stored as search/full executions per terminal, from which the same figure is recomputed.
        let store = try RunStore.inMemory()
        let run = try #require(try store.createRun(
            RunRecord(
                kind: .search, status: .running, createdAt: Date(), configuration: "{}", seed: 42, toolVersion: "test",
                modelName: "scripted", modelSHA256: nil, datasetName: "mbpp", datasetPath: "x", datasetSHA256: nil)).id)
        let records = SearchRunRecorder.records(for: result, run: run, finishedAt: Date())
        try store.saveFinishedProblem(records.problem, nodes: records.nodes, executions: records.executions)
        let executions = try store.executions(run: run, problem: "Mbpp/1")
        #expect(executions.filter { $0.scope == .full }.count == 5)
        #expect(RewardAgreement.matrix(executions: executions) == matrix)
    }

    @Test("Oracle reward: a seeded subset of the ground truth, only passing terminals verified, no agreement figure")
    func groundTruthUnchanged() async throws {
        let sandbox = Self.sandbox()
        let result = try await Self.searcher(Self.model(), sandbox, .oracle).search(CodeSearchTests.problem("Mbpp/1"))
        #expect(result.rewardAgreement == nil)
        #expect(sandbox.evaluations.filter { $0.suite.cases.count == 10 }.count == 5)
        // Passing terminals (the two sums) are verified; the others are not.
        #expect(result.fullReports.count == 2)
        #expect(result.isSolved)
    }

    @Test("A problem without generated tests gets an empty reward suite: every terminal passes it vacuously")
    func missingGeneratedTests() async throws {
        let sandbox = Self.sandbox()
        let problem = CodeSearchTests.problem("Mbpp/2")
        let rewardTests = RewardTests.generated(["Mbpp/1": Self.generated])
        #expect(!rewardTests.hasTests(for: problem))
        #expect(rewardTests.suite(for: problem, configuration: .standard).cases.isEmpty)
        let result = try await Self.searcher(Self.model(), sandbox, rewardTests).search(problem)
        let matrix = try #require(result.rewardAgreement)
        // good and commuted are correct (TP), the other three are not (FP): precision 2/5.
        #expect(matrix == AgreementMatrix(truePositives: 2, falsePositives: 3, falseNegatives: 0, trueNegatives: 0))
        #expect(matrix.precision == 0.4)
        #expect(matrix.recall == 1)
    }

    @Test("The agreement arithmetic from stored executions pairs nodes and treats empty reward suites as passes")
    func fromExecutions() {
        func execution(_ node: Int, _ scope: ExecutionScope, _ verdict: Verdict.Kind, tests: [TestResult] = [TestResult(index: 0, status: .passed)]) -> ExecutionRecord {
            ExecutionRecord(
                runId: 1, problemId: "p", nodeIndex: node, scope: scope, verdict: verdict, passRate: 0, tests: tests,
                code: "")
        }
        let executions = [
            execution(1, .search, .passed), execution(1, .full, .passed),  // TP
            execution(2, .search, .passed), execution(2, .full, .failed),  // FP
            execution(3, .search, .failed), execution(3, .full, .passed),  // FN
            execution(4, .search, .timeout), execution(4, .full, .failed),  // TN
            execution(5, .search, .compileError, tests: []), execution(5, .full, .failed),  // vacuous FP
            execution(6, .search, .passed),  // never verified: left out
            execution(7, .full, .passed),  // no reward execution: left out
        ]
        let matrix = RewardAgreement.matrix(executions: executions)
        #expect(matrix == AgreementMatrix(truePositives: 1, falsePositives: 2, falseNegatives: 1, trueNegatives: 1))
        #expect(matrix.total == 5)
    }
}

@Suite struct PublicRewardTests {
    @Test("Public reward: only the shown tests reward; screened against the reference; every terminal verified")
    func publicReward() async throws {
        var problem = CodeSearchTests.problem("Mbpp/1")
        problem.publicTests = TestSuite(cases: [.assertion("assert add(1, 2) == 3"), .assertion("assert add(1, 2) == 4")])
        let sandbox = FakeSandbox { program, suite, _ in
            // The reference and the good program pass the true example, never the wrong one.
            let tests = suite.cases.map { c -> TestResult in
                if case .assertion(let code, _) = c, code.hasSuffix("== 4") {
                    return TestResult(index: 0, status: .failed)
                }
                return TestResult(index: 0, status: program.contains("a + b") ? .passed : .failed)
            }.enumerated().map { TestResult(index: $0.offset, status: $0.element.status) }
            let firstFailure = tests.first { $0.status != .passed }
            return ProgramReport(
                verdict: firstFailure.map { .failed(test: $0.index, message: nil) } ?? .passed, tests: tests, elapsedSeconds: 0)
        }
        let screened = try await PublicTestScreen.screen([problem], sandbox: sandbox, limits: ExecutionLimits(cpuSeconds: 1))
        #expect(screened.dropped == 1)
        #expect(screened.problems[0].publicTests.cases == [.assertion("assert add(1, 2) == 3")])
        let suite = RewardTests.public.suite(for: screened.problems[0], configuration: .standard)
        #expect(suite.cases.count == 1)
        #expect(!RewardTests.public.isOracle && RewardTests.oracle.isOracle)
        #expect(RewardTests.public.verifiesEveryTerminal)
        // The oracle draws from the full suite, public from the statement only.
        #expect(RewardTests.oracle.suite(for: problem, configuration: .standard).cases.count == 10)
    }
}
