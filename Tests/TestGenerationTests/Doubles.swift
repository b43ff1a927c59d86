import Execution
import Foundation
import Inference
import O1CoderCore
import Synchronization
@testable import TestGeneration

/// A language model that returns canned completions in order and records the requests.
final class ScriptedLanguageModel: LanguageModel, Sendable {
    private let scripted: Mutex<[String]>
    let requests = Mutex<[GenerationRequest]>([])

    init(completions: [String]) {
        scripted = Mutex(completions)
    }

    var info: ModelInfo { ModelInfo(name: "scripted", contextLength: 4096, backend: "scripted") }

    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        requests.withLock { $0.append(request) }
        let texts: [String] = scripted.withLock { queue in
            let taken = Array(queue.prefix(request.n))
            queue.removeFirst(taken.count)
            return taken
        }
        return GenerationResult(
            completions: texts.map { Completion(text: $0, tokens: [], logProbs: [], stopReason: .endOfSequence) },
            usage: TokenUsage())
    }

    func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
        AsyncThrowingStream { continuation in
            continuation.finish(throwing: ScriptedError.unsupported)
        }
    }

    func score(prompt: PromptInput, continuation: String) async throws -> ScoredText { throw ScriptedError.unsupported }
    func embed(_ text: String) async throws -> [Float] { throw ScriptedError.unsupported }
}

enum ScriptedError: Error { case unsupported }

/// A sandbox whose behaviour is given by Swift closures: `run` answers raw executions (e.g. by
/// decoding the call driver's payload and computing results in Swift), `evaluate` judges a
/// program on a suite. Records every request.
final class ScriptedSandbox: Sandbox, Sendable {
    let isolation: IsolationLevel = .minimal
    private let runHandler: @Sendable (ExecutionRequest) -> ExecutionOutcome
    private let evaluateHandler: @Sendable (String, TestSuite) -> ProgramReport
    let runs = Mutex<[ExecutionRequest]>([])

    init(
        run: @escaping @Sendable (ExecutionRequest) -> ExecutionOutcome = { _ in
            ExecutionOutcome(termination: .sandboxError("unscripted"), stdout: "", stderr: "", elapsedSeconds: 0)
        },
        evaluate: @escaping @Sendable (String, TestSuite) -> ProgramReport = { _, _ in
            ProgramReport(verdict: .sandboxError(message: "unscripted"), tests: [], elapsedSeconds: 0)
        }
    ) {
        runHandler = run
        evaluateHandler = evaluate
    }

    func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        evaluateHandler(program, suite)
    }

    func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        runs.withLock { $0.append(request) }
        return runHandler(request)
    }
}

/// The call driver's stdin payload, decoded.
struct DriverPayload: Decodable {
    var source: String
    var entryPoint: String
    var cases: [String]
    enum CodingKeys: String, CodingKey {
        case source, cases
        case entryPoint = "entry_point"
    }

    static func decode(_ request: ExecutionRequest) -> DriverPayload? {
        try? JSONDecoder().decode(DriverPayload.self, from: Data(request.stdin.utf8))
    }
}

/// Driver output lines as the real `call_driver.py` writes them.
func driverLine(_ index: Int, ok repr: String) -> String {
    "@@O1TCG@@{\"i\": \(index), \"status\": \"ok\", \"repr\": \"\(repr)\"}"
}

func driverLine(_ index: Int, status: String) -> String {
    "@@O1TCG@@{\"i\": \(index), \"status\": \"\(status)\", \"message\": \"x\"}"
}

func exited(_ stdout: String, code: Int32 = 0) -> ExecutionOutcome {
    ExecutionOutcome(termination: .exited(code: code), stdout: stdout, stderr: "", elapsedSeconds: 0.01)
}

/// A report with one status per test; the verdict is decided by the first non-passing test.
func report(_ statuses: [TestStatus]) -> ProgramReport {
    let tests = statuses.enumerated().map { TestResult(index: $0.offset, status: $0.element) }
    let firstFailure = statuses.firstIndex { $0 != .passed }
    let verdict: Verdict = firstFailure.map { .failed(test: $0, message: nil) } ?? .passed
    return ProgramReport(verdict: verdict, tests: tests, elapsedSeconds: 0.01)
}

enum Fixtures {
    static let addReference = "def add(a, b):\n    return a + b\n"

    static let addProblem = Problem(
        id: "test/add", dataset: .mbpp, prompt: "Write a function add(a, b) that returns a + b.",
        style: .function(entryPoint: "add"), referenceSolution: addReference,
        tests: TestSuite(cases: [
            .call(arguments: "[1, 2]", expected: .json("3")),
            .call(arguments: "[0, 0]", expected: .json("0")),
            .call(arguments: "[-4, 9]", expected: .json("5")),
            .call(arguments: "[10, 5]", expected: .json("15")),
            .assertion("assert add(7, 7) == 14"),
        ]))

    static let sumProblem = Problem(
        id: "test/sum", dataset: .taco, prompt: "Read n and n integers; print their sum.",
        style: .standardIO, referenceSolution: "n = int(input())\nprint(sum(map(int, input().split())))\n",
        tests: TestSuite(cases: [
            .standardIO(input: "3\n1 2 3\n", expectedOutput: "6\n"),
            .standardIO(input: "1\n5\n", expectedOutput: "5\n"),
            .standardIO(input: "2\n-1 1\n", expectedOutput: "0\n"),
        ]))
}
