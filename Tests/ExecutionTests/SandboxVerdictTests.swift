import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// Verdicts and per-test results from the real sandbox.
@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct SandboxVerdictTests {
    let add = "def add(a, b):\n    return a + b\n"

    @Test("a correct program passes every test")
    func passes() async throws {
        let suite = TestSuite(cases: [.assertion("assert add(1, 2) == 3"), .assertion("assert add(-1, 1) == 0")])
        let report = try await SandboxFixture.shared().evaluate(program: add, suite: suite, limits: SandboxFixture.quick)
        #expect(report.verdict == .passed)
        #expect(report.tests.map(\.status) == [.passed, .passed])
        #expect(report.passRate == 1)
    }

    @Test("a wrong program fails with the index of the failing test")
    func failsWithIndex() async throws {
        let suite = TestSuite(cases: [.assertion("assert add(1, 2) == 3"), .assertion("assert add(2, 2) == 5, 'two and two'")])
        let report = try await SandboxFixture.shared().evaluate(program: add, suite: suite, limits: SandboxFixture.quick)
        guard case .failed(let test, let message) = report.verdict else {
            Issue.record("expected failed, got \(report.verdict)")
            return
        }
        #expect(test == 1)
        #expect(message?.contains("two and two") == true)
    }

    @Test("a syntax error is a compile error")
    func syntaxError() async throws {
        let report = try await SandboxFixture.shared().evaluate(
            program: "def add(a, b)\n    return a + b\n", suite: TestSuite(cases: [.assertion("assert add(1, 2) == 3")]),
            limits: SandboxFixture.quick)
        #expect(report.verdict.name == "compile_error")
        #expect(report.tests.map(\.status) == [.compileError])
    }

    @Test("an exception in a test is a runtime error")
    func runtimeError() async throws {
        let report = try await SandboxFixture.shared().evaluate(
            program: "def add(a, b):\n    return a + b + undefined\n", suite: TestSuite(cases: [.assertion("assert add(1, 2) == 3")]),
            limits: SandboxFixture.quick)
        guard case .runtimeError(let message) = report.verdict else {
            Issue.record("expected runtime error, got \(report.verdict)")
            return
        }
        #expect(message?.contains("NameError") == true)
    }

    @Test("a mixed suite gets one result per test, and a timeout mid-suite keeps earlier results")
    func mixedSuite() async throws {
        let program = "def f(x):\n    if x == 3:\n        while True: pass\n    return x * 2\n"
        let suite = TestSuite(cases: [
            .assertion("assert f(1) == 2"), .assertion("assert f(2) == 5"), .assertion("assert f(0) == 0"),
            .assertion("assert f(3) == 6"), .assertion("assert f(4) == 8"),
        ])
        let report = try await SandboxFixture.shared().evaluate(
            program: program, suite: suite, limits: ExecutionLimits(cpuSeconds: 1, wallSeconds: 5))
        #expect(report.tests.map(\.status) == [.passed, .failed, .passed, .timeout, .notRun])
        #expect(report.verdict == .failed(test: 1, message: report.tests[1].message))
        #expect(report.passedCount == 2)
    }

    @Test("stdin tests run the program fresh and compare stdout leniently")
    func standardIO() async throws {
        let program = "n = int(input())\nprint(n * 2)   \nprint()\n"
        let suite = TestSuite(cases: [
            .standardIO(input: "3\n", expectedOutput: "6\n"), .standardIO(input: "4\n", expectedOutput: "\n8"),
            .standardIO(input: "5\n", expectedOutput: "11"),
        ])
        let report = try await SandboxFixture.shared().evaluate(program: program, suite: suite, limits: SandboxFixture.quick)
        #expect(report.tests.map(\.status) == [.passed, .passed, .failed])
        #expect(report.verdict == .failed(test: 2, message: report.tests[2].message))
    }

    @Test("call tests compare with a tolerance, accept Solution methods and wrapped values")
    func callTests() async throws {
        let program = "import math\ndef area(r):\n    return math.pi * r * r\n"
        let suite = TestSuite(
            cases: [
                .call(arguments: "[1]", expected: .json("3.14159265")),
                .call(arguments: "[2]", expected: .pythonLiteral("12.5663706")),
                .call(arguments: "[1]", expected: .json("3.2")),
            ], comparison: .absoluteTolerance(1e-6))
        let report = try await SandboxFixture.shared().evaluate(program: program, suite: suite, entryPoint: "area", limits: SandboxFixture.quick)
        #expect(report.tests.map(\.status) == [.passed, .passed, .failed])

        let solution = "class Solution:\n    def pair(self, a, b):\n        return (a, b)\n"
        let exact = TestSuite(cases: [
            .call(arguments: "[1, 2]", expected: .json("[1, 2]")),
            .call(arguments: "[1, 2]", expected: .jsonWrapped("[[1, 2]]")),
            .call(arguments: "[1, 2]", expected: .pythonLiteral("(1, 3)")),
        ])
        let second = try await SandboxFixture.shared().evaluate(program: solution, suite: exact, entryPoint: "pair", limits: SandboxFixture.quick)
        #expect(second.tests.map(\.status) == [.passed, .passed, .failed])
    }

    @Test("MBPP setup runs after the program and the preamble before it")
    func setupAndPreamble() async throws {
        let suite = TestSuite(
            setup: "VALUE = add(1, 1)", preamble: "import math", cases: [.assertion("assert VALUE == 2 and math.pi > 3")])
        let report = try await SandboxFixture.shared().evaluate(program: add, suite: suite, limits: SandboxFixture.quick)
        #expect(report.verdict == .passed)
    }

    @Test("raw runs see stdin and report the exit code")
    func rawRun() async throws {
        let outcome = try await SandboxFixture.shared().run(
            ExecutionRequest(program: "import sys\nprint(input()[::-1])\nsys.exit(3)", stdin: "abc\n", limits: SandboxFixture.quick))
        #expect(outcome.termination == .exited(code: 3))
        #expect(outcome.stdout == "cba\n")
    }

    @Test("N workers serve N requests at once")
    func concurrency() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2))
        defer { Task { await sandbox.shutdown() } }
        // Each program reports when it slept (wall clock, seconds); the two sleeps must overlap.
        // Judged from the programs' own clocks, not the test's, so a loaded machine cannot flip it.
        let program = "import time\ns = time.time()\ntime.sleep(2.0)\nprint(s, time.time())"
        let outcomes: [ExecutionOutcome] = try await withThrowingTaskGroup(of: ExecutionOutcome.self) { group in
            for _ in 0..<2 {
                group.addTask { try await sandbox.run(ExecutionRequest(program: program, limits: ExecutionLimits(cpuSeconds: 2, wallSeconds: 30))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { $0.isSuccess })
        let spans = outcomes.compactMap { o -> (Double, Double)? in
            let parts = o.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        #expect(spans.count == 2)
        // Run one after the other, the second would start after the first ended.
        if spans.count == 2 { #expect(max(spans[0].0, spans[1].0) < min(spans[0].1, spans[1].1)) }
    }
}
