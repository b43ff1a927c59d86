import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// The sanitizer (Python/sanitize.py) on the kind of answers small models write for function
/// problems, through the real sandbox. On by default; a sandbox with it off shows the raw verdict.
@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct AnswerSanitizerTests {
    /// HumanEval/3's check, as the HumanEval loader builds the suite.
    static let belowZeroSuite = TestSuite(cases: [
        .script(
            """
            METADATA = {'author': 'jt', 'dataset': 'test'}


            def check(candidate):
                assert candidate([]) == False
                assert candidate([1, 2, -3, 1, 2, -3]) == False
                assert candidate([1, 2, -4, 5, 6]) == True
                assert candidate([1, -1, 2, -2, 5, -5, 4, -4]) == False
                assert candidate([1, -1, 2, -2, 5, -5, 4, -5]) == True
                assert candidate([1, -2, 2, -2, 5, -5, 4, -4]) == True

            check(below_zero)
            """)
    ])

    /// Greedy Qwen2.5-Coder-0.5B's habit: a correct function, then its own wrong test, called at
    /// top level, which raises while the module loads.
    static let answerWithOwnTest = """
        from typing import List

        def below_zero(operations: List[int]) -> bool:
            balance = 0
            for op in operations:
                balance += op
                if balance < 0:
                    return True
            return False

        # Test the function
        def check_solution():
            assert below_zero([1, 2, 3]) == True, "Test case 1 failed"
            assert below_zero([1, 2, -4, 5]) == True, "Test case 2 failed"
            print("All test cases passed!")

        check_solution()
        """

    private func evaluate(
        _ program: String, _ suite: TestSuite = belowZeroSuite, entryPoint: String? = "below_zero"
    ) async throws -> ProgramReport {
        try await SandboxFixture.shared().evaluate(program: program, suite: suite, entryPoint: entryPoint, limits: SandboxFixture.quick)
    }

    @Test("a trailing call of the model's own failing test is dropped, and the report says which line")
    func trailingOwnTest() async throws {
        let report = try await evaluate(Self.answerWithOwnTest)
        #expect(report.verdict == .passed, "\(report.verdict)")
        #expect(report.droppedLines == [17...17])
    }

    @Test("with sanitizing off the same answer is a runtime error while loading")
    func switchedOff() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1, sanitizesFunctionPrograms: false))
        defer { Task { await sandbox.shutdown() } }
        let report = try await sandbox.evaluate(
            program: Self.answerWithOwnTest, suite: Self.belowZeroSuite, entryPoint: "below_zero", limits: SandboxFixture.quick)
        guard case .runtimeError(let message) = report.verdict else {
            Issue.record("expected a runtime error, got \(report.verdict)")
            return
        }
        #expect(message?.contains("Test case 1 failed") == true)
        #expect(report.droppedLines.isEmpty)
    }

    @Test("without an entry point nothing is sanitized")
    func noEntryPoint() async throws {
        let report = try await SandboxFixture.shared().evaluate(
            program: Self.answerWithOwnTest + "\nassert below_zero([-1])\n",
            suite: TestSuite(cases: [.assertion("assert below_zero([-1])")]), limits: SandboxFixture.quick)
        #expect(report.verdict.name == "runtime_error")
        #expect(report.droppedLines.isEmpty)
    }

    @Test("a top-level print of a call is dropped, so its output never appears")
    func printedCall() async throws {
        let program = "def f(x):\n    return x * 2\n\nprint('debug', f(3))\n"
        let report = try await evaluate(program, TestSuite(cases: [.assertion("assert f(3) == 6")]), entryPoint: "f")
        #expect(report.verdict == .passed)
        #expect(report.droppedLines == [4...4])
        #expect(!report.stdoutTail.contains("debug"))
    }

    @Test("an if __name__ == '__main__' block is dropped whole")
    func mainBlock() async throws {
        let program = """
            def f(x):
                return x * 2

            if __name__ == "__main__":
                n = int(input())
                print(f(n))
                assert f(2) == 5
            """
        let report = try await evaluate(program, TestSuite(cases: [.assertion("assert f(3) == 6")]), entryPoint: "f")
        #expect(report.verdict == .passed, "\(report.verdict)")
        #expect(report.droppedLines == [4...7])
    }

    @Test("helpers, constants and tables the entry point uses are kept; unused top-level code is not")
    func dependenciesKept() async throws {
        let program = """
            import math
            MOD = 10 ** 9 + 7
            PRIMES = []
            for candidate in range(2, 30):
                if all(candidate % p for p in PRIMES):
                    PRIMES.append(candidate)

            def helper(x):
                return (x * x) % MOD

            def f(i):
                return helper(PRIMES[i]) + math.floor(0.5)

            value = int(input("n? "))
            print(f(value))
            """
        let report = try await evaluate(
            program, TestSuite(cases: [.assertion("assert f(0) == 4"), .assertion("assert f(3) == 49")]), entryPoint: "f")
        #expect(report.verdict == .passed, "\(report.verdict)")
        #expect(report.droppedLines == [14...15])
    }

    @Test("names the tests use beyond the entry point (an MBPP class, setup code) are kept")
    func namesTheTestsUse() async throws {
        let program = """
            class Pair(object):
                def __init__(self, a, b):
                    self.a = a
                    self.b = b

            DEFAULT = Pair(0, 0)

            def max_chain_length(arr, n):
                arr.sort(key=lambda p: p.b)
                count, end = 0, float("-inf")
                for pair in arr:
                    if pair.a > end:
                        count, end = count + 1, pair.b
                return count

            print(max_chain_length([Pair(5, 24), Pair(15, 25)], 2))
            """
        let suite = TestSuite(
            setup: "PAIRS = [Pair(5, 24), Pair(15, 25), Pair(27, 40), Pair(50, 60)]",
            cases: [.assertion("assert max_chain_length(PAIRS, 4) == 3"), .assertion("assert DEFAULT.a == 0")])
        let report = try await evaluate(program, suite, entryPoint: "max_chain_length")
        #expect(report.verdict == .passed, "\(report.verdict)")
        #expect(report.droppedLines == [16...16])
    }

    @Test("stdin programs are never sanitized")
    func standardInputUntouched() async throws {
        let program = "def solve(n):\n    return n * 2\n\nprint(solve(int(input())))\n"
        let report = try await SandboxFixture.shared().evaluate(
            program: program, suite: TestSuite(cases: [.standardIO(input: "21\n", expectedOutput: "42")]), entryPoint: "solve",
            limits: SandboxFixture.quick)
        #expect(report.verdict == .passed)
        #expect(report.droppedLines.isEmpty)
    }
}
