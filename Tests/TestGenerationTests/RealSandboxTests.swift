import Synchronization
import Inference
import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import TestGeneration

/// One real sandbox for the suites that carry `.requires(.python3)`: where it cannot start, the
/// error fails each test that asks for it.
enum RealSandbox {
    private static let sharedTask = Task { try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2)) }

    static func shared() async throws -> ProcessSandbox { try await sharedTask.value }

    static let limits = ExecutionLimits(cpuSeconds: 3, wallSeconds: 8)
}

/// A function problem whose reference crashes, loops or returns a non-literal on some inputs.
private let trickyReference = """
    def classify(n, words):
        print("noise on stdout")
        if n < 0:
            raise ValueError("negative")
        if n == 7:
            while True:
                pass
        if n == 8:
            return object()
        return (n * 2, [w.upper() for w in words], n % 2 == 0)
    """

private let trickyProblem = Problem(
    id: "tcg/classify", dataset: .mbpp, prompt: "def classify(n, words): ...", style: .function(entryPoint: "classify"),
    referenceSolution: trickyReference,
    tests: TestSuite(cases: [
        .call(arguments: "[1, [\"a\"]]", expected: .pythonLiteral("(2, ['A'], False)")),
        .call(arguments: "[2, []]", expected: .pythonLiteral("(4, [], True)")),
        .call(arguments: "[5, [\"x\", \"yz\"]]", expected: .pythonLiteral("(10, ['X', 'YZ'], False)")),
    ]))

private let maxProblem = Problem(
    id: "tcg/largest", dataset: .mbpp, prompt: "Return the largest element of xs that is below limit, or -1.",
    style: .function(entryPoint: "largest_below"),
    referenceSolution: """
        def largest_below(xs, limit):
            best = -1
            for x in xs[0:len(xs)]:
                if x < limit and x > best:
                    best = x
            return best
        """,
    tests: TestSuite(cases: [
        .call(arguments: "[[1, 5, 3], 4]", expected: .json("3")),
        .call(arguments: "[[1, 5, 3], 5]", expected: .json("3")),
        .call(arguments: "[[7, 8], 1]", expected: .json("-1")),
        .call(arguments: "[[0, 2, 4], 100]", expected: .json("4")),
        .call(arguments: "[[], 3]", expected: .json("-1")),
    ]))

@Suite(.requires(.python3), .timeLimit(.minutes(10)))
struct RealSandboxTests {
    @Test("inputs-only mode: the real reference supplies outputs; crashes, loops and objects are dropped")
    func inputsOnlyWithRealReference() async throws {
        let sandbox = try await RealSandbox.shared()
        let completion = """
            ```case
            # input:
            classify(3, ["hi", "yo"])
            ```
            ```case
            # input:
            classify(-1, [])
            ```
            ```case
            # input:
            classify(7, [])
            ```
            ```case
            # input:
            classify(8, [])
            ```
            ```case
            # input:
            classify(4, [])
            ```
            """
        let generator = TestCaseGenerator(
            model: ScriptedLanguageModel(completions: [completion]), sandbox: sandbox,
            configuration: TestGenerationConfiguration(limits: RealSandbox.limits, perCaseTimeout: .milliseconds(500)))

        let generated = try await generator.generate(for: trickyProblem)

        #expect(generated.report.referenceCrashes == 1)
        #expect(generated.report.referenceTimeouts == 1)
        #expect(generated.report.referenceUnrepresentable == 1)
        #expect(generated.report.kept == 2)
        #expect(generated.report.isConsistent)
        #expect(generated.suite.cases == [
            .call(arguments: "[3, [\"hi\", \"yo\"]]", expected: .pythonLiteral("(6, ['HI', 'YO'], False)")),
            .call(arguments: "[4, []]", expected: .pythonLiteral("(8, [], True)")),
        ])
        // The computed tests pass on the reference and fail on a wrong solution.
        let evaluator = TestQualityEvaluator(sandbox: sandbox, limits: RealSandbox.limits)
        #expect(try await evaluator.passes(trickyReference, generated.suite, entryPoint: "classify"))
        let wrong = trickyReference.replacingOccurrences(of: "n * 2", with: "n + 2")
        #expect(!(try await evaluator.passes(wrong, generated.suite, entryPoint: "classify")))
    }

    @Test("stdin reference runs once per input in the real sandbox")
    func standardIOWithRealReference() async throws {
        let sandbox = try await RealSandbox.shared()
        let runner = ReferenceRunner(sandbox: sandbox, limits: RealSandbox.limits)

        let results = try await runner.results(
            reference: Fixtures.sumProblem.referenceSolution ?? "", style: .standardIO,
            inputs: [.standardInput("3\n1 2 3\n"), .standardInput("x\n")])

        #expect(results.first == .output(.standardOutput("6")))
        guard case .crashed = results.last else {
            Issue.record("a bad input must crash the reference, got \(String(describing: results.last))")
            return
        }
    }

    @Test("mutants compile, and the kept ones fail ground truth")
    func mutants() async throws {
        let sandbox = try await RealSandbox.shared()
        let generator = MutantGenerator(sandbox: sandbox, limits: RealSandbox.limits)

        let all = try await generator.mutants(of: maxProblem.referenceSolution ?? "")
        let report = try await generator.knownWrongMutants(of: maxProblem, maxKnownWrong: 50, maxEvaluations: 100, seed: 3)

        let kinds = Set(all.map(\.kind))
        #expect(kinds.isSuperset(of: ["compare", "boolop", "const+1", "const-1", "slice+1", "slice-1"]), "\(kinds)")
        for mutant in all {
            let check = "import ast\ncompile(\(PythonLiteral.string(mutant.source).pythonText), 'm', 'exec')\n"
            let outcome = try await sandbox.run(ExecutionRequest(program: check, limits: RealSandbox.limits))
            #expect(outcome.isSuccess, "\(mutant.label) does not compile")
            #expect(mutant.source != maxProblem.referenceSolution)
        }
        #expect(report.referencePasses)
        #expect(report.generated == all.count)
        #expect(!report.knownWrong.isEmpty)
        #expect(report.knownWrong.count + report.survivors == report.evaluated)
        for wrong in report.knownWrong {
            let verdict = try await sandbox.evaluate(
                program: wrong.program, suite: maxProblem.tests, entryPoint: "largest_below", limits: RealSandbox.limits)
            #expect(!verdict.verdict.isPassed, "\(wrong.label) was kept but passes ground truth")
        }
    }

    @Test("quality evaluation end to end with the real sandbox (model double)")
    func evaluation() async throws {
        let sandbox = try await RealSandbox.shared()
        let completion = """
            ```case
            # input:
            largest_below([4, 9, 2], 5)
            ```
            ```case
            # input:
            largest_below([5, 5], 5)
            ```
            ```case
            # input:
            largest_below([], 0)
            ```
            """
        let generator = TestCaseGenerator(
            model: ScriptedLanguageModel(completions: [completion]), sandbox: sandbox,
            configuration: TestGenerationConfiguration(limits: RealSandbox.limits))
        let generated = try await generator.generate(for: maxProblem)

        let record = try await TestQualityEvaluator(sandbox: sandbox, limits: RealSandbox.limits).evaluate(
            problem: maxProblem, generated: generated,
            failingSamples: ["def largest_below(xs, limit):\n    return max(xs)\n"], maxMutants: 8, seed: 5)

        #expect(generated.report.kept == 3)
        #expect(record.passRate?.passed == 3 && record.passRate?.lenientRate == 1)
        #expect(record.discrimination.wrongBySource[.sample] == 1)
        // max([]) raises, max([4, 9, 2]) == 9: the sample is rejected.
        #expect(record.discrimination.rejectedBySource[.sample] == 1)
        #expect((record.discrimination.wrongBySource[.mutant] ?? 0) > 0)
        #expect(record.agreement.total == 1 + record.discrimination.wrongSolutions)
    }

    @Test("DPO wrong-solution negatives come from running a mutant on ground-truth inputs")
    func wrongSolutionOutputs() async throws {
        let sandbox = try await RealSandbox.shared()
        let runner = ReferenceRunner(sandbox: sandbox, limits: RealSandbox.limits)
        let mutant = WrongSolution(
            program: (maxProblem.referenceSolution ?? "").replacingOccurrences(of: "x < limit", with: "x <= limit"),
            source: .mutant, label: "compare")

        let outputs = try await TCGTrainingData.wrongOutputs(of: [mutant], problem: maxProblem, runner: runner)
        var rng = SplitMix64(seed: 11)
        let pairs = TCGTrainingData.dpoPairs(
            for: maxProblem, wrongOutputs: outputs,
            options: TCGTrainingOptions(testsPerExample: 5, negativeKinds: [.wrongSolution]), using: &rng)

        #expect(outputs.first?.outputs.count == 5)
        let pair = try #require(pairs.first)
        #expect(pair.negative == .wrongSolution)
        #expect(pair.record.rejected != pair.record.chosen)
        #expect(pair.record.rejected.first?.content.contains("largest_below([1, 5, 3], 5)\n# output:\n5") == true)
    }
}
