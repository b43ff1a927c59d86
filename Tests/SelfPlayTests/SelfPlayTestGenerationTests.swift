import CodeSearch
import Execution
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import RunStorage
import Search
import SelfPlay
import Synchronization
import TestGeneration
import Testing

/// The TCG in the loop (`selfplay --tcg`), with a model double and the real sandbox (the
/// reference computes the tests' outputs): the search policy writes tests before the round's
/// search, the search is rewarded by the public and those tests, the hidden tests still decide
/// "solved", and the reward's agreement with them is recorded.
@Suite(.requires(.python3)) struct SelfPlayTestGenerationTests {
    /// Answers TCG prompts with two test blocks and search prompts with a code step that is
    /// right on the public test (add(1, 2) = 3) but wrong elsewhere, so only generated tests catch it.
    final class RoutingModel: LanguageModel {
        let info = ModelInfo(name: "routing", contextLength: 8192, backend: "scripted")
        let testRequests = Mutex(0)
        static let tests = "```case\n# input:\nadd(2, 3)\n```\n\n```case\n# input:\nadd(-1, 1)\n```"
        static let step = "code\">\n```python\ndef add(a, b):\n    return 3 if (a, b) == (1, 2) else a * b\n```\n</step>"

        func generate(_ request: GenerationRequest) async throws -> GenerationResult {
            var isTCG = false
            if case .chat(let messages) = request.prompt { isTCG = messages.first?.content == TestGenerationPrompt.systemMessage }
            if isTCG { testRequests.withLock { $0 += 1 } }
            let completions = (0..<max(1, request.n)).map { _ in Completion.scripted(isTCG ? Self.tests : Self.step) }
            return GenerationResult(
                completions: completions, usage: TokenUsage(promptTokensEvaluated: 1, generatedTokens: completions.reduce(0) { $0 + $1.tokens.count }))
        }

        func stream(_ request: GenerationRequest) -> AsyncThrowingStream<GenerationEvent, any Error> {
            AsyncThrowingStream { continuation in
                Task {
                    let result = try await self.generate(request)
                    continuation.yield(.finished(result))
                    continuation.finish()
                }
            }
        }

        func score(prompt: PromptInput, continuation: String) async throws -> ScoredText { ScoredText(tokens: [], logProbs: []) }
        func embed(_ text: String) async throws -> [Float] { [0] }
    }

    @Test("--tcg: tests by the search policy before each search (outputs from the reference), rewarded with the public ones, agreement recorded, not redone on a rerun")
    func loop() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-tcg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let search = SelfPlayProcessRewardTests.smallSearch
        let configuration = SelfPlayConfiguration(
            search: search, namePrefix: "sp", preferenceUpdate: false, testGeneration: TestGenerationConfiguration(limits: search.limits))
        let model = RoutingModel()
        let store = try RunStore(path: scratch + "/runs.sqlite")
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2))
        let loop = try SelfPlayLoop(
            configuration: configuration, models: { _ in model }, sandbox: sandbox, store: store,
            trainer: SelfPlayProcessRewardTests.RecordingTrainer(), directory: scratch + "/selfplay")
        let train = [SelfPlayLoopTests.problem("Mbpp/1")]
        let held = [SelfPlayLoopTests.problem("Mbpp/3")]
        let state = try await loop.run(rounds: 1, basePolicy: "base", train: train, evaluate: held)

        let tests = try #require(state.rounds[1].tests)
        #expect(tests.generator == "base" && tests.problems == 1 && tests.problemsWithTests == 1 && tests.tests == 2)
        #expect(tests.sha256 == (try SHA256.hex(ofFile: tests.file)))
        let suites = try TCGTestsFile.suites(tests.file)
        #expect(suites[ProblemID("Mbpp/1")]?.cases.count == 2, "inputs-only: the reference supplied both outputs")

        // The reward saw 1 public + 2 generated tests, and the generated ones caught the answer the
        // public test let through; the hidden tests agree that it is wrong.
        let run = try #require(state.rounds[1].searchRun)
        let rewarded = try store.executions(run: run, problem: "Mbpp/1").filter { $0.scope == .search }
        #expect(!rewarded.isEmpty && rewarded.allSatisfy { $0.tests.count == 3 && $0.verdict != .passed })
        let agreement = try #require(state.rounds[1].data?.rewardAgreement)
        #expect(agreement.total > 0 && agreement.trueNegatives == agreement.total)
        #expect(state.rounds[1].data?.solvedProblems == 0)
        #expect(state.table.contains { $0.contains("TCG: 2 tests by base for 1/1 training problems") })

        let asked = model.testRequests.withLock { $0 }
        #expect(asked == 1)
        _ = try await loop.run(rounds: 1, basePolicy: "base", train: train, evaluate: held)
        #expect(model.testRequests.withLock { $0 } == asked, "a finished round's tests are not generated again")
    }
}
