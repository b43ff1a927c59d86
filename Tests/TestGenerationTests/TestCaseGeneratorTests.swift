import Synchronization
import Inference
import Execution
import Foundation
import O1CoderCore
import Testing
@testable import TestGeneration

/// A sandbox double for the `add` problem: "runs" the call driver and judges programs by
/// recognising which arithmetic they do, so the generator's and evaluator's logic can be
/// checked without Python.
func arithmeticSandbox() -> ScriptedSandbox {
    ScriptedSandbox(
        run: { request in
            if request.stdin.contains("\"limit\"") {  // mutate.py
                let mutants = [
                    #"{"id": 0, "kind": "binop", "line": 2, "source": "def add(a, b):\n    return a - b"}"#,
                    #"{"id": 1, "kind": "const+1", "line": 2, "source": "def add(a, b):\n    return a + b + 0"}"#,
                    #"{"id": 2, "kind": "binop", "line": 2, "source": "def add(a, b):\n    return a * b"}"#,
                ]
                return exited(mutants.joined(separator: "\n") + "\n")
            }
            guard let payload = DriverPayload.decode(request) else { return exited("", code: 2) }
            var lines: [String] = []
            for (index, json) in payload.cases.enumerated() {
                let args = PythonLiteralParser.parse(json)?.sequenceElements ?? []
                guard case .integer(let a)? = args.first, case .integer(let b)? = args.last,
                    let x = Int(a), let y = Int(b)
                else {
                    lines.append(driverLine(index, status: "error"))
                    continue
                }
                if x == 999 {  // the whole run dies here: the runner must resume after this case
                    return ExecutionOutcome(
                        termination: .cpuTimeout, stdout: lines.joined(separator: "\n"), stderr: "", elapsedSeconds: 4)
                }
                lines.append(driverLine(index, ok: String(x + y)))
            }
            return exited(lines.joined(separator: "\n") + "\n")
        },
        evaluate: { program, suite in
            let operation: (Int, Int) -> Int =
                program.contains("a - b") ? { $0 - $1 } : program.contains("a * b") ? { $0 * $1 } : { $0 + $1 }
            let statuses = suite.cases.map { testCase -> TestStatus in
                guard let test = GroundTruthTests.convert(testCase), case .arguments(let args) = test.input,
                    case .integer(let a)? = args.first, case .integer(let b)? = args.last,
                    case .value(.integer(let expected))? = test.output
                else { return .runtimeError }
                return operation(Int(a) ?? 0, Int(b) ?? 0) == Int(expected) ? .passed : .failed
            }
            return report(statuses)
        })
}

@Suite struct TestCaseGeneratorTests {
    static let messyInputs = """
        Here are some inputs.
        ```case
        # input:
        add(1, 2)
        ```
        ```case
        # input:
        add(1, 2)
        ```
        ```case
        # input:
        add(1)
        ```
        ```case
        # input:
        add('x', 1)
        ```
        ```case
        # input:
        add(999, 1)
        ```
        ```case
        # input:
        add(-5, 5)
        ```
        """

    @Test("inputs-only run: parse, de-duplicate, outputs from the reference, counts add up")
    func inputsOnly() async throws {
        let model = ScriptedLanguageModel(completions: [Self.messyInputs, "no tests here"])
        let sandbox = arithmeticSandbox()
        let generator = TestCaseGenerator(
            model: model, sandbox: sandbox, configuration: TestGenerationConfiguration(completionsPerProblem: 2))

        let generated = try await generator.generate(for: Fixtures.addProblem)

        let report = generated.report
        #expect(generated.mode == .inputsOnly)
        #expect(report.completions == 2)
        #expect(report.proposed == 7)
        #expect(report.parsed == 5)
        #expect(report.unparsable == 2)
        #expect(report.unparsableByReason == [.wrongArity: 1, .noTestBlocks: 1])
        #expect(report.duplicates == 1)
        #expect(report.referenceCrashes == 1)
        #expect(report.referenceTimeouts == 1)
        #expect(report.rejectedByReference == 2)
        #expect(report.kept == 2)
        #expect(report.isConsistent)
        #expect(generated.suite.cases == [
            .call(arguments: "[1, 2]", expected: .pythonLiteral("3")),
            .call(arguments: "[-5, 5]", expected: .pythonLiteral("0")),
        ])
        // The run that died at add(999, 1) was resumed with the case after it.
        #expect(sandbox.runs.withLock { $0.count } == 2)
        let request = try #require(model.requests.withLock { $0.first })
        #expect(request.n == 2)
        guard case .chat(let messages) = request.prompt else {
            Issue.record("expected a chat prompt")
            return
        }
        #expect(messages.last?.content.contains("Do not write outputs") == true)
        #expect(messages.last?.content.contains("### Reference solution") == true)
        // The result is recordable as JSON and reads back the same.
        let data = try JSONEncoderForTests.encode(generated)
        #expect(try JSONDecoder().decode(GeneratedTests.self, from: data) == generated)
    }

    @Test("full mode keeps the model's outputs; the evaluator measures all three metrics")
    func fullModeAndEvaluation() async throws {
        let completion = """
            ```case
            # input:
            add(2, 2)
            # output:
            4
            ```
            ```case
            # input:
            add(3, 4)
            # output:
            8
            ```
            ```case
            # input:
            add(0, 5)
            # output:
            five
            ```
            """
        let sandbox = arithmeticSandbox()
        let generator = TestCaseGenerator(model: ScriptedLanguageModel(completions: [completion]), sandbox: sandbox)

        let generated = try await generator.generate(for: Fixtures.addProblem, mode: .full)
        let record = try await TestQualityEvaluator(sandbox: sandbox).evaluate(
            problem: Fixtures.addProblem, generated: generated,
            failingSamples: ["def add(a, b):\n    return a * b", "def add(a, b):\n    return a + b"],
            candidates: [Fixtures.addReference], maxMutants: 5, seed: 1)

        #expect(generated.report.kept == 2)
        #expect(generated.report.unparsableByReason == [.outputNotLiteral: 1])
        // Reference passes add(2, 2) == 4 but not the wrong add(3, 4) == 8.
        let passRate = try #require(record.passRate)
        #expect(passRate.evaluated == 2 && passRate.passed == 1 && passRate.unparsable == 1)
        #expect(passRate.strictRate == 1.0 / 3.0 && passRate.lenientRate == 0.5)
        // Wrong solutions: the failing sample a*b (a+b is not wrong), mutants a-b and a*b; the
        // equivalent mutant a+b+0 survives ground truth and is not used.
        #expect(record.mutantsGenerated == 3)
        #expect(record.discrimination.wrongSolutions == 3)
        #expect(record.discrimination.wrongBySource == [.sample: 1, .mutant: 2])
        // a-b fails add(2,2)=4; a*b passes add(2,2)=4 and fails add(3,4)=8 only because that
        // test is itself wrong (3*4 != 8): all rejected.
        #expect(record.discrimination.rejected == 3)
        // Candidates: the correct a+b (= the reference, counted once) fails the generated suite
        // (false negative); the wrong solutions are rejected (true negatives).
        #expect(record.agreement.falseNegatives == 1)
        #expect(record.agreement.trueNegatives == 2)
        #expect(record.agreement.total == 3)
    }

    @Test("inputs-only mode without a reference is skipped with a reason, not an error")
    func noReference() async throws {
        var problem = Fixtures.addProblem
        problem.referenceSolution = nil
        let generator = TestCaseGenerator(model: ScriptedLanguageModel(completions: []), sandbox: ScriptedSandbox())

        let generated = try await generator.generate(for: problem, mode: .inputsOnly)

        #expect(generated.tests.isEmpty)
        #expect(generated.report.skippedReason != nil)
        #expect(TestGenerationMode.automatic(for: problem) == .full)
    }

    @Test("stdin problems run the reference once per input")
    func standardIO() async throws {
        let completion = "```case\n# input:\n2\n4 5\n```\n```case\n# input:\n1\nboom\n```"
        let sandbox = ScriptedSandbox(run: { request in
            request.stdin.contains("boom")
                ? ExecutionOutcome(termination: .exited(code: 1), stdout: "", stderr: "ValueError", elapsedSeconds: 0)
                : exited("9  \n\n")
        })
        let generator = TestCaseGenerator(model: ScriptedLanguageModel(completions: [completion]), sandbox: sandbox)

        let generated = try await generator.generate(for: Fixtures.sumProblem)

        #expect(generated.suite.cases == [.standardIO(input: "2\n4 5\n", expectedOutput: "9")])
        #expect(generated.report.referenceCrashes == 1)
        #expect(sandbox.runs.withLock { $0.map(\.program) } == Array(repeating: Fixtures.sumProblem.referenceSolution ?? "", count: 2))
    }
}
