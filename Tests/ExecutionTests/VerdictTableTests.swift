import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// Every verdict, for a function problem (an assert calling `f`) and for a stdin problem, from
/// the real sandbox. CPU exhaustion must be a timeout whatever the program was doing when the
/// limit hit, and exit statuses the harness once used as markers (101, 102, 152) must read as
/// the program's own.
@Suite(.requires(.python3), .timeLimit(.minutes(5)))
struct VerdictTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        enum Shape: String, Sendable { case function, stdin }
        var shape: Shape
        var name: String
        var program: String
        var verdict: String
        /// Expected in the message of the first test that did not pass.
        var message: String?
        var limits: ExecutionLimits = SandboxFixture.quick

        var testDescription: String { "\(shape.rawValue): \(name)" }
    }

    /// A wall clock far above the CPU limit, so a loaded machine cannot make the wall fire first.
    static let cpuBound = ExecutionLimits(cpuSeconds: 1, wallSeconds: 60)
    static let sleepy = ExecutionLimits(cpuSeconds: 2, wallSeconds: 2)
    static let smallOutput = ExecutionLimits(cpuSeconds: 2, wallSeconds: 6, output: .mebibytes(1))

    static let functionRows: [Row] = [
        Row(shape: .function, name: "passed", program: "def f(x):\n    return x * 2\n", verdict: "passed"),
        Row(shape: .function, name: "failed", program: "def f(x):\n    return x + 3\n", verdict: "failed"),
        Row(shape: .function, name: "runtime error", program: "def f(x):\n    return x / 0\n", verdict: "runtime_error", message: "ZeroDivisionError"),
        Row(shape: .function, name: "syntax error", program: "def f(x)\n    return x\n", verdict: "compile_error", message: "SyntaxError"),
        Row(shape: .function, name: "null byte", program: "def f(x):\n    return x\0\n", verdict: "compile_error", message: "null bytes"),
        Row(
            shape: .function, name: "exception while loading", program: "TABLE = [1, 2][5]\ndef f(x):\n    return TABLE * x\n",
            verdict: "runtime_error", message: "IndexError"),
        Row(shape: .function, name: "CPU: Python loop", program: "def f(x):\n    while True:\n        pass\n", verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(shape: .function, name: "CPU: one long C call", program: "def f(x):\n    return sum(range(10 ** 12))\n", verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(
            shape: .function, name: "CPU: SIGXCPU ignored",
            program: "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\ndef f(x):\n    while True:\n        pass\n",
            verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(
            shape: .function, name: "CPU: in a thread",
            program: "import threading\ndef f(x):\n    t = threading.Thread(target=lambda: sum(range(10 ** 12)))\n    t.start()\n    t.join()\n",
            verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(shape: .function, name: "wall clock", program: "import time\ndef f(x):\n    time.sleep(100)\n", verdict: "timeout", message: "wall-clock", limits: sleepy),
        Row(shape: .function, name: "memory", program: "def f(x):\n    return len(b'x' * (10 << 30))\n", verdict: "memory_limit"),
        Row(
            shape: .function, name: "output", program: "def f(x):\n    print('x' * 100_000_000)\n    return x * 2\n", verdict: "output_limit",
            limits: smallOutput),
        Row(shape: .function, name: "exit status 152", program: "import os\ndef f(x):\n    os._exit(152)\n", verdict: "runtime_error", message: "exit code 152"),
    ]

    static let stdinRows: [Row] = [
        Row(shape: .stdin, name: "passed", program: "print(int(input()) * 2)", verdict: "passed"),
        Row(shape: .stdin, name: "failed", program: "print(int(input()) + 3)", verdict: "failed"),
        Row(shape: .stdin, name: "runtime error", program: "print(int(input()) / 0)", verdict: "runtime_error", message: "ZeroDivisionError"),
        Row(shape: .stdin, name: "syntax error", program: "print(int(input())", verdict: "compile_error", message: "SyntaxError"),
        Row(shape: .stdin, name: "null byte", program: "print(1)\0", verdict: "compile_error", message: "null bytes"),
        Row(shape: .stdin, name: "own assert while loading", program: "assert False, 'self-test'\nprint(4)", verdict: "runtime_error", message: "self-test"),
        Row(shape: .stdin, name: "CPU: Python loop", program: "while True:\n    pass", verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(shape: .stdin, name: "CPU: one long C call", program: "print(sum(range(10 ** 12)))", verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(
            shape: .stdin, name: "CPU: SIGXCPU ignored", program: "import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\nwhile True:\n    pass",
            verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(
            shape: .stdin, name: "CPU: in a thread",
            program: "import threading\nt = threading.Thread(target=lambda: sum(range(10 ** 12)))\nt.start()\nt.join()",
            verdict: "timeout", message: "CPU time", limits: cpuBound),
        Row(shape: .stdin, name: "wall clock", program: "import time\ntime.sleep(100)", verdict: "timeout", message: "wall-clock", limits: sleepy),
        Row(shape: .stdin, name: "memory", program: "x = b'x' * (10 << 30)", verdict: "memory_limit"),
        Row(shape: .stdin, name: "output", program: "print('x' * 100_000_000)", verdict: "output_limit", limits: smallOutput),
        Row(shape: .stdin, name: "exit status 101", program: "import sys\nsys.exit(101)", verdict: "runtime_error", message: "exit code 101"),
        Row(shape: .stdin, name: "exit status 102", program: "import sys\nsys.exit(102)", verdict: "runtime_error", message: "exit code 102"),
        Row(shape: .stdin, name: "exit status 152", program: "import os\nos._exit(152)", verdict: "runtime_error", message: "exit code 152"),
        Row(
            shape: .stdin, name: "killed itself", program: "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", verdict: "runtime_error",
            message: "signal 9"),
    ]

    @Test("each verdict", arguments: functionRows + stdinRows)
    func verdict(_ row: Row) async throws {
        let sandbox = try await SandboxFixture.shared()
        let report: ProgramReport
        switch row.shape {
        case .function:
            report = try await sandbox.evaluate(
                program: row.program, suite: TestSuite(cases: [.assertion("assert f(2) == 4")]), entryPoint: "f", limits: row.limits)
        case .stdin:
            report = try await sandbox.evaluate(
                program: row.program, suite: TestSuite(cases: [.standardIO(input: "2\n", expectedOutput: "4")]), limits: row.limits)
        }
        Self.expect(report, matches: row)
    }

    /// The row's verdict, and its message in the first test that did not pass.
    static func expect(_ report: ProgramReport, matches row: Row, _ detail: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(report.verdict.name == row.verdict, "\(report.verdict) \(report.tests) \(detail)", sourceLocation: sourceLocation)
        if let message = row.message {
            let first = report.tests.first { $0.status != .passed }
            #expect(first?.message?.contains(message) == true, "\(String(describing: first))", sourceLocation: sourceLocation)
        }
    }

    @Test("a raw run that exits with 152 exited with 152; one that spends its CPU is a CPU timeout")
    func rawRunStatuses() async throws {
        let sandbox = try await SandboxFixture.shared()
        let exited = try await sandbox.run(ExecutionRequest(program: "import sys\nsys.exit(152)", limits: SandboxFixture.quick))
        #expect(exited.termination == .exited(code: 152))
        let spun = try await sandbox.run(ExecutionRequest(program: "sum(range(10 ** 12))", limits: Self.cpuBound))
        #expect(spun.termination == .cpuTimeout)
    }
}
