import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Evaluation

@Suite struct SampleEvaluatorTests {
    static let problem = Problem(
        id: "HumanEval/0", dataset: .humaneval, prompt: "def f():\n", style: .function(entryPoint: "f"),
        referenceSolution: "def f():\n    return 'CORRECT'\n", completionMode: .continuesPrompt,
        tests: TestSuite(cases: [
            .call(arguments: "[]", expected: .pythonLiteral("1"), group: .base),
            .call(arguments: "[]", expected: .pythonLiteral("2"), group: .plus),
        ]))
    static let mbpp = Problem(
        id: "Mbpp/11", dataset: .mbpp, prompt: "x", style: .function(entryPoint: "g"), referenceSolution: nil,
        tests: TestSuite(cases: [.assertion("assert g()")]))

    /// Passes programs containing CORRECT; "BASEONLY" passes base tests and fails plus tests.
    static let sandbox = ScriptedSandbox(evaluate: { program, suite, _ in
        if program.contains("CORRECT") { return ScriptedSandbox.uniformReport(suite, status: .passed) }
        if program.contains("BASEONLY") {
            let tests = suite.cases.enumerated().map { TestResult(index: $0.offset, status: $0.element.group == .base ? .passed : .failed) }
            let firstPlus = suite.cases.firstIndex { $0.group == .plus }
            return ProgramReport(verdict: firstPlus.map { .failed(test: $0, message: "plus") } ?? .passed, tests: tests, elapsedSeconds: 0)
        }
        return ScriptedSandbox.uniformReport(suite, status: .failed)
    })

    func writeSamples(_ lines: [String]) throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-samples-\(UUID().uuidString).jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Completions continue the prompt; solutions are whole programs; indices per task")
    func readSamples() throws {
        let path = try writeSamples([
            #"{"task_id": "HumanEval/0", "completion": "    return 'CORRECT'\n"}"#,
            #"{"task_id": "HumanEval/0", "solution": "def f(): return 0\n"}"#,
            #"{"task_id": 11, "completion": "def g(): return 1"}"#,
        ])
        let samples = try Sample.read(path: path, problems: [Self.problem, Self.mbpp])
        #expect(samples.map(\.completionIndex) == [0, 1, 0])
        #expect(samples[0].program(for: Self.problem) == "def f():\n    return 'CORRECT'\n")
        #expect(samples[1].program(for: Self.problem) == "def f(): return 0\n")
        #expect(samples[2].taskID == "Mbpp/11")
    }

    @Test("Unknown task_id, broken JSON, missing completion and empty files are errors with the line")
    func badSamples() throws {
        func error(_ lines: [String]) throws -> EvaluationError? {
            let path = try writeSamples(lines)
            do {
                _ = try Sample.read(path: path, problems: [Self.problem])
                return nil
            } catch let error as EvaluationError {
                return error
            }
        }
        let unknown = try #require(try error([#"{"task_id": "HumanEval/0", "completion": ""}"#, #"{"task_id": "HumanEval/99", "completion": ""}"#]))
        #expect(unknown.code == .unknownTask)
        #expect(unknown.line == 2)
        #expect(unknown.description.contains("HumanEval/99"))
        let broken = try #require(try error([#"{"task_id": "HumanEval/0", "completion": "#]))
        #expect(broken.code == .malformedSample)
        #expect(broken.line == 1)
        let missing = try #require(try error(["", #"{"task_id": "HumanEval/0"}"#]))
        #expect(missing.code == .malformedSample)
        #expect(missing.line == 2)
        #expect(try error([""])?.code == .emptySamples)
        #expect(try error([])?.code == .emptySamples)
    }

    @Test("Grades samples, splits base from base+plus, computes pass@k")
    func evaluate() async throws {
        let samples = [
            Sample(taskID: "HumanEval/0", completionIndex: 0, body: .completion("  return 'CORRECT'")),
            Sample(taskID: "HumanEval/0", completionIndex: 1, body: .completion("  return 'BASEONLY'")),
            Sample(taskID: "HumanEval/0", completionIndex: 2, body: .completion("  return 0")),
            Sample(taskID: "HumanEval/0", completionIndex: 3, body: .completion("  return 0")),
        ]
        let evaluator = SampleEvaluator(sandbox: Self.sandbox, workers: 2)
        let evaluation = try await evaluator.evaluate(
            samples: samples, problems: [Self.problem], dataset: .humanevalPlus, includePlus: true, ks: [1, 2, 10])
        #expect(evaluation.results.map(\.passed) == [true, true, false, false])
        #expect(evaluation.results.map(\.plusPassed) == [true, false, false, false])
        #expect(evaluation.results[1].tests.map(\.group) == [.base, .plus])
        let rows = evaluation.summary.rows
        #expect(rows.map(\.k) == [1, 2, 10])
        #expect(rows[0].base == 0.5)
        #expect(rows[0].plus == 0.25)
        #expect(rows[2].base == nil)  // 4 samples < k = 10
        #expect(evaluation.summary.table.contains("base+plus"))

        let baseOnly = try await evaluator.evaluate(
            samples: samples, problems: [Self.problem], dataset: .humanevalPlus, includePlus: false, ks: [1])
        #expect(baseOnly.results.allSatisfy { $0.plusPassed == nil && $0.tests.count == 1 })
        #expect(baseOnly.summary.hasPlus == false)
    }

    @Test("Results JSONL uses human-eval's snake_case keys and default path")
    func resultsFile() throws {
        let result = SampleResult(
            taskID: "HumanEval/0", completionID: 0, suite: Self.problem.tests,
            report: ScriptedSandbox.uniformReport(Self.problem.tests, status: .passed))
        let path = NSTemporaryDirectory() + "o1coder-results-\(UUID().uuidString).jsonl"
        try ResultsWriter.writeJSONL([result, result], to: path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains(#""task_id":"HumanEval/0""#))
        #expect(lines[0].contains(#""completion_id":0"#))
        #expect(lines[0].contains(#""passed":true"#))
        #expect(ResultsWriter.defaultResultsPath(forSamples: "s.jsonl") == "s.jsonl_results.jsonl")
    }

    @Test("Reference check counts passes and lists failures; skips problems without reference")
    func referenceCheck() async throws {
        var wrong = Self.problem
        wrong.id = "HumanEval/1"
        wrong.referenceSolution = "def f(): return 0"
        let check = ReferenceCheck(sandbox: Self.sandbox, workers: 2)
        let report = try await check.run([Self.problem, wrong, Self.mbpp])
        #expect(report.checkedCount == 2)
        #expect(report.passedCount == 1)
        #expect(report.failures.map(\.id) == ["HumanEval/1"])
        #expect(report.skipped.map(\.id) == ["Mbpp/11"])
    }
}
