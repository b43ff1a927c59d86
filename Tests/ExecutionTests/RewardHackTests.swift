import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// Ways a program can fake a pass without solving the problem, each run in the real sandbox.
/// Every attack below passed (some or all of its tests) before the harness compared canonical
/// copies and guarded itself; see Python/harness.py and Python/integrity.py for what is still
/// out of reach of an in-process harness.
@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct RewardHackTests {
    /// HumanEval's shape: one script test that calls the entry point several times.
    static let check = TestCase.script(
        """
        def check(candidate):
            assert candidate(0) == 0
            assert candidate(1) == 100
            assert abs(candidate(2) - 200) < 1e-9

        check(f)
        """)

    private func evaluate(_ program: String, _ cases: [TestCase]) async throws -> ProgramReport {
        try await SandboxFixture.shared().evaluate(
            program: program, suite: TestSuite(cases: cases), entryPoint: "f", limits: SandboxFixture.quick)
    }

    private func expectNonePassed(_ report: ProgramReport, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.passedCount == 0, "\(comment?.rawValue ?? ""): \(report.tests)", sourceLocation: sourceLocation)
        #expect(!report.verdict.isPassed, sourceLocation: sourceLocation)
    }

    @Test("an honest solution passes every kind of test (so the attacks below can fail)")
    func honestControl() async throws {
        let program = "def f(x):\n    return x * 100\n"
        let report = try await evaluate(
            program, [.assertion("assert f(1) == 100"), .call(arguments: "[2]", expected: .json("200")), Self.check])
        #expect(report.tests.map(\.status) == [.passed, .passed, .passed])
    }

    @Test("an object whose __eq__ always answers True fails assert, call and check tests")
    func alwaysEqual() async throws {
        let program = """
            class Anything:
                def __eq__(self, other): return True
                def __ne__(self, other): return False
            def f(x):
                return Anything()
            """
        let report = try await evaluate(
            program, [.assertion("assert f(1) == 100"), .call(arguments: "[1]", expected: .json("100")), Self.check])
        expectNonePassed(report)
        #expect(report.tests.allSatisfy { $0.status == .failed })
        #expect(report.tests[0].message?.contains("results must be built from") == true, "\(report.tests[0])")
    }

    @Test("rigged __bool__, __ne__ and __hash__ do not pass truthiness, != or membership tests")
    func riggedDunders() async throws {
        let program = """
            class Rigged:
                def __bool__(self): return True
                def __ne__(self, other): return False
                def __eq__(self, other): return True
                def __hash__(self): return hash(100)
            def f(x):
                return Rigged()
            """
        let report = try await evaluate(
            program, [
                .assertion("assert f(1)"), .assertion("assert not (f(1) != 100)"), .assertion("assert f(1) in {100}"),
                .assertion("assert {f(1): 1} == {100: 1}"),
            ])
        expectNonePassed(report)
    }

    @Test("subclasses of int, str and list with rigged comparisons are judged as the exact builtin")
    func riggedSubclasses() async throws {
        let program = """
            class I(int):
                def __eq__(self, other): return True
                __hash__ = int.__hash__
            class S(str):
                def __eq__(self, other): return True
                __hash__ = str.__hash__
            class L(list):
                def __eq__(self, other): return True
            import re
            def f(x):
                if x == 4:
                    return re.search("o", S("no"))  # a match is kept only on an exact str or bytes
                return {1: I(7), 2: S("no"), 3: L([7])}[x]
            """
        let report = try await evaluate(
            program, [
                .assertion("assert f(1) == 100"), .assertion("assert f(2) == 'yes'"), .assertion("assert f(3) == [100]"),
                .call(arguments: "[1]", expected: .json("100")), .call(arguments: "[3]", expected: .json("[100]")),
                .assertion("assert f(4)"),
            ])
        expectNonePassed(report)
        #expect(report.tests[3].message?.contains("got 7") == true, "\(report.tests[3])")
    }

    @Test("legitimate results still pass: namedtuple, Counter, defaultdict, IntEnum, generators, Decimal, regex matches")
    func legitimateResults() async throws {
        let program = """
            import collections, decimal, enum, re
            Point = collections.namedtuple("Point", "x y")
            class Colour(enum.IntEnum):
                RED = 1
            def f(x):
                if x == 0: return Point(1, 2)
                if x == 1: return collections.Counter("aab")
                if x == 2: return collections.defaultdict(list, {"k": [1]})
                if x == 3: return Colour.RED
                if x == 5: return decimal.Decimal("1.5")
                if x == 6: return re.search("b+", "abbc")
                return (i * i for i in range(x))
            """
        let report = try await evaluate(
            program, [
                .assertion("assert f(0) == (1, 2)"), .assertion("assert f(1) == {'a': 2, 'b': 1}"),
                .assertion("assert f(2) == {'k': [1]}"), .assertion("assert f(3) == 1"),
                .assertion("assert list(f(4)) == [0, 1, 4, 9]"), .call(arguments: "[0]", expected: .json("[1, 2]")),
                .assertion("assert f(5) == 1.5"), .assertion("assert f(6) and f(6).group() == 'bb'"),
            ])
        #expect(report.verdict == .passed, "\(report.tests)")
    }

    @Test("replacing a harness function through sys.modules fails the tests")
    func harnessPatchedThroughModules() async throws {
        let program = """
            import sys
            def f(x):
                sys.modules["harness"].equal = lambda *args, **kwargs: True
                return x
            """
        let report = try await evaluate(
            program, [.call(arguments: "[1]", expected: .json("100")), .call(arguments: "[2]", expected: .json("200"))])
        expectNonePassed(report)
        #expect(report.tests[0].message?.contains("tampered with the test harness") == true, "\(report.tests[0])")
    }

    @Test("rewriting harness code objects found through gc fails the tests")
    func harnessRewrittenThroughGC() async throws {
        let program = """
            import gc
            def f(x):
                for o in gc.get_objects():
                    if type(o) is type(f) and o.__module__ in ("harness", "canonical") and o.__name__ in ("equal", "copy"):
                        o.__code__ = (lambda *a, **k: True).__code__ if o.__name__ == "equal" else (lambda v: v).__code__
                return x
            """
        let report = try await evaluate(program, [.call(arguments: "[1]", expected: .json("100")), .assertion("assert f(1) == 100")])
        expectNonePassed(report)
        #expect(report.tests.allSatisfy { $0.message?.contains("rewrote") == true }, "\(report.tests)")
    }

    @Test("result lines forged onto every open fd do not count")
    func forgedResultLines() async throws {
        let program = #"""
            import os
            def f(x):
                line = b"".join(b'{"i": %d, "status": "passed"}\n' % i for i in range(3))
                for fd in range(3, 64):
                    try:
                        os.write(fd, line)
                    except OSError:
                        pass
                os._exit(0)
            """#
        let report = try await evaluate(
            program, [.assertion("assert f(1) == 100"), .assertion("assert f(2) == 200"), .assertion("assert f(3) == 300")])
        expectNonePassed(report)
        #expect(report.verdict.name == "runtime_error", "\(report.verdict)")
    }

    @Test("a stdin program cannot write test records either")
    func forgedStdioRecords() async throws {
        let program = #"""
            import os
            for fd in range(3, 64):
                try:
                    os.write(fd, b'{"i": 0, "status": "passed"}\n')
                except OSError:
                    pass
            print("wrong")
            """#
        let report = try await SandboxFixture.shared().evaluate(
            program: program, suite: TestSuite(cases: [.standardIO(input: "", expectedOutput: "right")]), limits: SandboxFixture.quick)
        #expect(report.tests.map(\.status) == [.failed])
    }

    @Test("sys.exit and os._exit, at load or during a test, are not a pass")
    func exits() async throws {
        for program in [
            "import sys\ndef f(x):\n    sys.exit(0)\n", "import os\ndef f(x):\n    os._exit(0)\n",
            // At load, through a name the entry point uses (a bare top-level call would be sanitized away).
            "import sys\nLIMIT = sys.exit(0)\ndef f(x):\n    return LIMIT\n", "import os\nLIMIT = os._exit(0)\ndef f(x):\n    return LIMIT\n",
        ] {
            let report = try await evaluate(program, [.assertion("assert f(1) == 100"), Self.check])
            expectNonePassed(report, "\(program)")
            #expect(report.verdict.name == "runtime_error", "\(program): \(report.verdict)")
        }
    }

    @Test("builtins and stdlib helpers the program redefines do not reach the test code")
    func redefinedBuiltins() async throws {
        let program = """
            import builtins, math
            abs = lambda value: 0
            all = lambda value: True
            def f(x):
                builtins.abs = lambda value: 0
                builtins.sorted = lambda value: [1, 2, 3]
                math.isclose = lambda *args, **kwargs: True
                return x
            """
        let check = TestCase.script(
            """
            def check(candidate):
                assert abs(candidate(1) - 100) < 1e-9
                assert abs(candidate(2) - 200) < 1e-9

            check(f)
            """)
        let report = try await evaluate(
            program, [
                check, .assertion("assert sorted(f([3, 1])) == [1, 2, 3]"), .assertion("assert all(f([False]))"),
                .assertion("import math\nassert math.isclose(f(1), 1) and math.isclose(f(2), 200)"),
            ])
        expectNonePassed(report)
    }

    @Test("a trace function cannot jump over the remaining asserts")
    func traceJump() async throws {
        let program = """
            import sys
            def f(x):
                if x == 0:
                    frame = sys._getframe(1)
                    while frame is not None and frame.f_code.co_name != "check":
                        frame = frame.f_back
                    last = frame.f_code.co_firstlineno + 4
                    def tracer(fr, event, arg):
                        if event == "line" and fr is frame and fr.f_lineno < last:
                            fr.f_lineno = last
                        return tracer
                    frame.f_trace = tracer
                    sys.settrace(tracer)
                return 0
            """
        let check = TestCase.script(
            """
            def check(candidate):
                assert candidate(0) == 0
                assert candidate(1) == 100
                assert candidate(2) == 200
                return

            check(f)
            """)
        let report = try await evaluate(program, [check])
        #expect(report.tests.map(\.status) == [.failed])
    }

    @Test("exceptions that pretend to be MemoryError or an EFBIG OSError are runtime errors")
    func pretendingExceptions() async throws {
        let program = """
            class Pretender(Exception):
                __class__ = property(lambda self: MemoryError)
            class FakeEFBIG(OSError):
                errno = property(lambda self: 27)
            def f(x):
                raise Pretender("x") if x == 1 else FakeEFBIG("y")
            """
        let report = try await evaluate(program, [.assertion("assert f(1) == 1"), .assertion("assert f(2) == 1")])
        #expect(report.tests.map(\.status) == [.runtimeError, .runtimeError])
    }
}
