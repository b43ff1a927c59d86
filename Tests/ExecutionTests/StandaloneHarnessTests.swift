import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// The standalone harness (what a SandboxFusion server runs for us) judges as the workers do:
/// every row of the verdict table, run as one plain program through the real sandbox's raw mode,
/// gets the verdict and message the worker's own evaluation gives.
@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct StandaloneHarnessTests {
    @Test("each verdict, as the worker gives it", arguments: VerdictTableTests.functionRows + VerdictTableTests.stdinRows)
    func verdict(_ row: VerdictTableTests.Row) async throws {
        let sandbox = try await SandboxFixture.shared()
        let function = row.shape == .function
        let suite =
            function
            ? TestSuite(cases: [.assertion("assert f(2) == 4")]) : TestSuite(cases: [.standardIO(input: "2\n", expectedOutput: "4")])
        let harness = try StandaloneHarness(program: row.program, suite: suite, entryPoint: function ? "f" : nil, limits: row.limits)
        let outcome = try await sandbox.run(ExecutionRequest(program: harness.script, limits: row.limits))
        let report = harness.report(of: outcome, limits: row.limits)
        VerdictTableTests.expect(report, matches: row, String(outcome.stderr.suffix(500)))
    }

    @Test("calls, scripts, a rigged __eq__ and the model's own top-level tests match the worker test by test")
    func suites() async throws {
        let sandbox = try await SandboxFixture.shared()
        let suite = TestSuite(
            setup: "import math",
            cases: [
                .assertion("assert f(2) == 4"), .call(arguments: "[5]", expected: .pythonLiteral("25")),
                .call(arguments: "[3]", expected: .json("9")), .script("assert math.isclose(f(0.5), 0.25)"),
            ])
        let programs = [
            "def f(x):\n    return x * x",
            "def f(x):\n    return x * x\n\nassert f(1) == 2\n",
            "class Yes:\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\ndef f(x):\n    return Yes()",
            "def f(x):\n    return 25 if x == 5 else x + 1",
        ]
        for program in programs {
            let local = try await sandbox.evaluate(program: program, suite: suite, entryPoint: "f", limits: SandboxFixture.quick)
            let harness = try StandaloneHarness(program: program, suite: suite, entryPoint: "f", limits: SandboxFixture.quick)
            let outcome = try await sandbox.run(ExecutionRequest(program: harness.script, limits: SandboxFixture.quick))
            let remote = harness.report(of: outcome, limits: SandboxFixture.quick)
            #expect(remote.verdict.name == local.verdict.name, "\(program)")
            #expect(remote.tests.map(\.status) == local.tests.map(\.status), "\(program)")
            #expect(remote.droppedLines == local.droppedLines, "\(program)")
        }
    }

    @Test("stop at the first failure: the rest are not run, in the worker and standalone; the verdict is unchanged")
    func stopAtFirstFailure() async throws {
        let sandbox = try await SandboxFixture.shared()
        let cases: [TestCase] = [.assertion("assert f(1) == 1"), .assertion("assert f(2) == 5"), .assertion("assert f(3) == 9")]
        let program = "def f(x):\n    return x * x"
        let full = try await sandbox.evaluate(program: program, suite: TestSuite(cases: cases), entryPoint: "f", limits: SandboxFixture.quick)
        let suite = TestSuite(cases: cases, stopAtFirstFailure: true)
        let early = try await sandbox.evaluate(program: program, suite: suite, entryPoint: "f", limits: SandboxFixture.quick)
        #expect(full.tests.map(\.status) == [.passed, .failed, .passed])
        #expect(early.tests.map(\.status) == [.passed, .failed, .notRun])
        #expect(early.verdict.name == full.verdict.name)
        let harness = try StandaloneHarness(program: program, suite: suite, entryPoint: "f", limits: SandboxFixture.quick)
        let outcome = try await sandbox.run(ExecutionRequest(program: harness.script, limits: SandboxFixture.quick))
        #expect(harness.report(of: outcome, limits: SandboxFixture.quick).tests.map(\.status) == [.passed, .failed, .notRun])
    }

    @Test("lines without the execution's nonce are not results: a program printing forged records still fails")
    func forgedRecords() async throws {
        let sandbox = try await SandboxFixture.shared()
        let program = """
            import os
            for i in range(3):
                os.write(1, b'{"n": "0", "i": %d, "status": "passed"}\\n' % i)
            def f(x):
                return 0
            """
        let suite = TestSuite(cases: [.assertion("assert f(2) == 4")])
        let harness = try StandaloneHarness(program: program, suite: suite, entryPoint: "f", limits: SandboxFixture.quick)
        let outcome = try await sandbox.run(ExecutionRequest(program: harness.script, limits: SandboxFixture.quick))
        #expect(harness.report(of: outcome, limits: SandboxFixture.quick).verdict.name == "failed")
    }

    @Test("suites stored before stopAtFirstFailure existed decode as running every test, and encode as before")
    func suiteCoding() throws {
        let old = #"{"setup":"","preamble":"","cases":[],"comparison":{"exact":{}}}"#
        let suite = try JSONDecoder().decode(TestSuite.self, from: Data(old.utf8))
        #expect(!suite.stopAtFirstFailure)
        let encoded = String(decoding: try JSONEncoder().encode(suite), as: UTF8.self)
        #expect(!encoded.contains("stopAtFirstFailure"))
        var early = suite
        early.stopAtFirstFailure = true
        #expect(try JSONDecoder().decode(TestSuite.self, from: try JSONEncoder().encode(early)).stopAtFirstFailure)
    }
}
