import Execution
import O1CoderCore
import O1CoderTestSupport
import Testing

@Suite struct FakeSandboxTests {
    @Test("scripted verdicts are returned and calls recorded")
    func scripted() async throws {
        let sandbox = FakeSandbox(verdicts: ["good": .passed], otherwise: .failed(test: 1, message: "no"))
        let suite = TestSuite(cases: [.assertion("a"), .assertion("b"), .assertion("c")])
        let good = try await sandbox.evaluate(program: "good", suite: suite, entryPoint: "f", limits: .default)
        let bad = try await sandbox.evaluate(program: "bad", suite: suite, limits: .default)
        #expect(good.verdict == .passed)
        #expect(good.passRate == 1)
        #expect(bad.tests.map(\.status) == [.passed, .failed, .notRun])
        #expect(sandbox.evaluations.map(\.program) == ["good", "bad"])
        #expect(sandbox.evaluations.first?.entryPoint == "f")
    }

    @Test("runs use the scripted outcome")
    func runs() async throws {
        let sandbox = FakeSandbox(evaluate: { _, suite, _ in FakeSandbox.report(.passed, testCount: suite.count) }) { request in
            ExecutionOutcome(termination: .exited(code: 0), stdout: request.stdin.uppercased(), stderr: "", elapsedSeconds: 0)
        }
        let outcome = try await sandbox.run(ExecutionRequest(program: "x", stdin: "hi"))
        #expect(outcome.stdout == "HI")
        #expect(sandbox.runs.count == 1)
    }

    @Test("compile errors mark every test")
    func compileErrorReport() {
        let report = FakeSandbox.report(.compileError(message: nil), testCount: 2)
        #expect(report.tests.map(\.status) == [.compileError, .compileError])
    }
}
