import Datasets
import Execution
import Foundation
import O1CoderCore
import Service
import Testing

@Suite("SandboxFusion and batch wire formats")
struct WireFormatTests {
    @Test("run_code requests decode as verl sends them, with SandboxFusion's defaults for missing fields")
    func runCodeRequest() throws {
        let verl = #"{"compile_timeout": 10, "run_timeout": 10, "code": "print(1)", "stdin": "5\n", "memory_limit_MB": 1024, "language": "python", "files": {}, "fetch_files": []}"#
        let request = try JSONDecoder().decode(RunCodeRequest.self, from: Data(verl.utf8))
        #expect(request == RunCodeRequest(code: "print(1)", stdin: "5\n", compileTimeout: 10, runTimeout: 10, memoryLimitMB: 1024))
        let bare = try JSONDecoder().decode(RunCodeRequest.self, from: Data(#"{"code": "x"}"#.utf8))
        #expect(bare.language == "python" && bare.stdin.isEmpty && bare.runTimeout == nil && bare.files.isEmpty)
    }

    @Test(
        "every way a run ends maps to SandboxFusion's statuses",
        arguments: [
            (ExecutionOutcome.Termination.exited(code: 0), "Success", "Finished", 0 as Int?),
            (.exited(code: 1), "Failed", "Finished", 1),
            (.signaled(signal: 9), "Failed", "Finished", 137),
            (.cpuTimeout, "Failed", "TimeLimitExceeded", nil),
            (.wallTimeout, "Failed", "TimeLimitExceeded", nil),
            (.memoryLimit, "Failed", "Finished", 137),
            (.outputLimit, "Failed", "Finished", 137),
        ])
    func mapping(termination: ExecutionOutcome.Termination, status: String, runStatus: String, code: Int?) throws {
        let outcome = ExecutionOutcome(termination: termination, stdout: "out", stderr: "err", elapsedSeconds: 0.25)
        let response = RunCodeResponse(outcome: outcome)
        #expect(response.status.rawValue == status)
        #expect(response.runResult?.status.rawValue == runStatus)
        #expect(response.runResult?.returnCode == code)
        #expect(response.runResult?.stdout == "out" && response.runResult?.executionTime == 0.25)
        // Clients index `compile_result` and `return_code`: they are written as null, not left out.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as? [String: Any]
        #expect(json?.keys.contains("compile_result") == true)
        #expect((json?["run_result"] as? [String: Any])?.keys.contains("return_code") == true)
    }

    @Test("a sandbox failure is SandboxError with no run result (verl scores it as an API error)")
    func sandboxError() {
        let response = RunCodeResponse(outcome: ExecutionOutcome(termination: .sandboxError("worker died"), stdout: "", stderr: "", elapsedSeconds: 0))
        #expect(response.status == .sandboxError && response.runResult == nil && response.message == "worker died")
    }

    @Test("ground truth as verl stores it (a JSON string) and as an object give the same tests; numbers keep their spelling")
    func groundTruth() throws {
        let object = #"{"program": "def f(a, b): return a + b", "ground_truth": {"inputs": [[1, 2], [12345678901234567890123, 0.10]], "outputs": [[3], [12345678901234567890123.1]], "fn_name": "f"}}"#
        let string = #"{"program": "def f(a, b): return a + b", "ground_truth": "{\"inputs\": [[1, 2], [12345678901234567890123, 0.10]], \"outputs\": [[3], [12345678901234567890123.1]], \"fn_name\": \"f\"}"}"#
        let a = try EvaluateRequest(body: Array(object.utf8), defaults: .default)
        let b = try EvaluateRequest(body: Array(string.utf8), defaults: .default)
        #expect(a == b)
        #expect(a.entryPoint == "f")
        #expect(a.suite.cases == [
            .call(arguments: "[1, 2]", expected: .jsonWrapped("[3]")),
            .call(arguments: "[12345678901234567890123, 0.10]", expected: .jsonWrapped("[12345678901234567890123.1]")),
        ])
        let stdio = try EvaluateRequest(
            body: Array(#"{"code": "print(input())", "ground_truth": {"inputs": ["a\n", ["b", "c"]], "outputs": ["a\n", "b"]}}"#.utf8),
            defaults: .default)
        #expect(stdio.entryPoint == nil)
        #expect(stdio.suite.cases == [.standardIO(input: "a\n", expectedOutput: "a\n"), .standardIO(input: "b\nc", expectedOutput: "b")])
    }

    @Test(
        "bad batch requests say what is wrong",
        arguments: [
            (#"not json"#, "not JSON"),
            (#"[1]"#, "not a JSON object"),
            (#"{"ground_truth": {"inputs": [], "outputs": []}}"#, "'program'"),
            (#"{"program": "x"}"#, "'ground_truth'"),
            (#"{"program": "x", "ground_truth": {"inputs": [1], "outputs": []}}"#, "1 inputs but 0 outputs"),
            (#"{"program": "x", "ground_truth": "{oops"}"#, "not JSON"),
            (#"{"program": "x", "suite": {"cases": 3}}"#, "'suite' is not a valid TestSuite"),
        ])
    func badRequests(body: String, expected: String) {
        #expect {
            _ = try EvaluateRequest(body: Array(body.utf8), defaults: .default)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test("the client's wire form round-trips: native suites, entry point and limits")
    func nativeRoundTrip() throws {
        let request = EvaluateRequest(
            program: "def f(x): return x", suite: TestSuite(setup: "import math", cases: [.assertion("assert f(1) == 1"), .script("check(f)")], comparison: .absoluteTolerance(1e-6)),
            entryPoint: "f", limits: ExecutionLimits(cpuSeconds: 2, memory: .mebibytes(256)))
        #expect(try EvaluateRequest(body: Array(request.body()), defaults: .default) == request)
    }

    @Test("a request's limits are held within the server's maxima")
    func caps() {
        let limits = ServiceLimits(maxSeconds: 10, maxMemory: .mebibytes(512))
        let capped = limits.capped(ExecutionLimits(cpuSeconds: 1000, memory: .gibibytes(64), processes: 100_000))
        #expect(capped.cpuSeconds == 10 && capped.wallSeconds <= 30 && capped.memory == .mebibytes(512))
        #expect(capped.processes == ExecutionLimits.default.processes)
        let fusion = limits.limits(runTimeout: 3, memoryLimitMB: -1)
        #expect(fusion.cpuSeconds == 3 && fusion.wallSeconds == 3 && fusion.memory == .mebibytes(512))
    }
}
