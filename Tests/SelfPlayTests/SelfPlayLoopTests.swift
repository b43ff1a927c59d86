import CodeSearch
import Execution
import Foundation
import Inference
import Models
import O1CoderCore
import O1CoderTestSupport
import Reports
import RunStorage
import Search
import SelfPlay
import Synchronization
import Testing
import Training

/// Counts trainings, so a resumed loop can be shown not to redo them.
/// Fails its first DPO training, as a run killed between the SFT and DPO stages would stop.
final class FailingFirstDPO: PolicyTrainer {
    let inner: CountingTrainer
    let failed = Mutex(false)
    init(_ inner: CountingTrainer) { self.inner = inner }
    struct Killed: Error {}
    func train(_ request: TrainingRequest, restart: Bool, progress: @escaping @Sendable (TrainingPhase) -> Void) async throws -> TrainedModel {
        if request.method == .dpo, !failed.withLock({ let was = $0; $0 = true; return was }) { throw Killed() }
        return try await inner.train(request, restart: restart, progress: progress)
    }
}

final class CountingTrainer: PolicyTrainer {
    let inner: ModelTrainer
    let requests = Mutex<[TrainingRequest]>([])
    init(_ inner: ModelTrainer) { self.inner = inner }
    func train(_ request: TrainingRequest, restart: Bool, progress: @escaping @Sendable (TrainingPhase) -> Void) async throws -> TrainedModel {
        requests.withLock { $0.append(request) }
        return try await inner.train(request, restart: restart, progress: progress)
    }
}

/// Two self-play rounds: the policy's search (a model double that always writes the right code,
/// a scripted sandbox) yields verified traces, real SFT on SmolLM2 turns them into the next
/// policy, and each policy is evaluated on held-out problems; the run resumes and extends.
// Limits detect hangs: on 2 shared cores torch beside the other suites is slow, not stuck.
@Suite(.serialized, .requires(.testModel, .trainingEnvironment), .timeLimit(.minutes(20)))
struct SelfPlayLoopTests {
    static func problem(_ id: String) -> Problem {
        Problem(
            id: ProblemID(id), dataset: .mbpp, prompt: "Write add(a, b) returning the sum.\nassert add(1, 2) == 3",
            style: .function(entryPoint: "add"), referenceSolution: "def add(a, b):\n    return a + b",
            tests: TestSuite(cases: (0..<4).map { .assertion("assert add(\($0), 1) == \($0 + 1)") }),
            publicTests: TestSuite(cases: [.assertion("assert add(1, 2) == 3")]))
    }

    static let answer = "code\">\n```python\ndef add(a, b):\n    return a + b\n```\n</step>"

    let scratch = NSTemporaryDirectory() + "o1coder-selfplay-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    static let wrong = "code\">\n```python\ndef add(a, b):\n    return a - b\n```\n</step>"

    func loop(
        _ trainer: any PolicyTrainer, prefix: String, steps: Int = 2, answers: [String] = [answer], evaluationSamples: Int = 0,
        curriculum: Curriculum? = nil
    ) throws -> SelfPlayLoop {
        var training = TrainingHyperparameters()
        training.maxSteps = steps
        training.maxLength = 512
        training.threads = 1
        var search = CodeSearchConfiguration.standard
        search.search.width = 2
        search.search.rollouts = 2
        let sandbox = FakeSandbox { program, suite, _ in
            FakeSandbox.report(program.contains("a + b") ? .passed : .failed(test: 0, message: "wrong"), testCount: suite.count)
        }
        return try SelfPlayLoop(
            configuration: SelfPlayConfiguration(
                search: search, training: training, namePrefix: prefix, evaluationSamples: evaluationSamples,
                curriculum: curriculum),
            models: { _ in ConstantLanguageModel(cycling: answers) }, sandbox: sandbox,
            store: try RunStore(path: scratch + "/runs.sqlite"), trainer: trainer, directory: scratch + "/selfplay")
    }

    @Test("Rounds train from the previous policy with lineage; a rerun resumes and extends without redoing work")
    func twoRounds() async throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let environment = try TrainingEnvironment.discover(cache: TestEnvironment.cacheDirectory, repository: TestEnvironment.packageRoot)
        let models = ModelStore(directory: scratch + "/models")
        let trainer = CountingTrainer(ModelTrainer(environment: environment, store: models))
        let prefix = "sp\(getpid())"
        defer {
            for r in 1...2 { try? FileManager.default.removeItem(atPath: trainer.inner.runDirectory("\(prefix)-r\(r)")) }
        }
        let base = TestEnvironment.testModelPath
        let train = [Self.problem("Mbpp/1"), Self.problem("Mbpp/2")]
        let held = [Self.problem("Mbpp/11"), Self.problem("Mbpp/12"), Self.problem("Mbpp/13")]

        let first = try await loop(trainer, prefix: prefix).run(rounds: 1, basePolicy: base, train: train, evaluate: held)
        #expect(first.rounds.count == 2)
        #expect(first.rounds[0].policy == base)
        #expect(first.rounds[0].evaluation?.problems == 3)
        let r1 = first.rounds[1]
        #expect(r1.searchPolicy == base)
        #expect(r1.data?.solvedProblems == 2)
        #expect((r1.data?.sftRecords ?? 0) >= 2)
        #expect(r1.trainedModel == "\(prefix)-r1")
        #expect(r1.evaluation?.solved == 3)
        #expect(r1.evaluation?.outcomes["Mbpp/12"] == true)
        let record = try #require(trainer.inner.record("\(prefix)-r1"))
        #expect(record.parent == base)
        #expect(record.dataSHA256 == r1.data?.sftSHA256)

        // The same command again does nothing new; two rounds extend the run by one.
        let again = try await loop(trainer, prefix: prefix).run(rounds: 1, basePolicy: base, train: train, evaluate: held)
        #expect(again == first)
        #expect(trainer.requests.withLock { $0.count } == 1)
        let second = try await loop(trainer, prefix: prefix).run(rounds: 2, basePolicy: base, train: train, evaluate: held)
        #expect(second.rounds.count == 3)
        #expect(second.rounds[2].searchPolicy == "\(prefix)-r1")
        #expect(second.rounds[2].trainedModel == "\(prefix)-r2")
        #expect(trainer.inner.record("\(prefix)-r2")?.parent == "\(prefix)-r1")
        #expect(trainer.requests.withLock { $0.map(\.base) } == [base, "\(prefix)-r1"])
        #expect(second.currentPolicy == "\(prefix)-r2")

        // Other settings in the same directory are refused.
        await #expect(throws: SelfPlayError.self) {
            try await loop(trainer, prefix: prefix, steps: 3).run(rounds: 2, basePolicy: base, train: train, evaluate: held)
        }
    }

    @Test("With preference pairs a round is SFT then DPO from the SFT model; a kill between them resumes at DPO")
    func sftThenDPO() async throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let environment = try TrainingEnvironment.discover(cache: TestEnvironment.cacheDirectory, repository: TestEnvironment.packageRoot)
        let counting = CountingTrainer(ModelTrainer(environment: environment, store: ModelStore(directory: scratch + "/models")))
        let prefix = "spdpo\(getpid())"
        defer {
            for name in ["\(prefix)-r1-sft", "\(prefix)-r1"] { try? FileManager.default.removeItem(atPath: counting.inner.runDirectory(name)) }
        }
        let base = TestEnvironment.testModelPath
        let train = [Self.problem("Mbpp/1"), Self.problem("Mbpp/2")]
        let held = [Self.problem("Mbpp/11")]
        // Each expansion samples a right and a wrong program: both terminals are verified on the
        // hidden tests, so every problem gives a DPO pair.
        let answers = [Self.answer, Self.wrong]

        await #expect(throws: FailingFirstDPO.Killed.self) {
            try await loop(FailingFirstDPO(counting), prefix: prefix, answers: answers, evaluationSamples: 4)
                .run(rounds: 1, basePolicy: base, train: train, evaluate: held)
        }
        let stopped = try #require(try loop(counting, prefix: prefix, answers: answers, evaluationSamples: 4).savedState())
        #expect(stopped.rounds[1].sftModel == "\(prefix)-r1-sft")
        #expect(stopped.rounds[1].trainingDone == false)

        let state = try await loop(counting, prefix: prefix, answers: answers, evaluationSamples: 4)
            .run(rounds: 1, basePolicy: base, train: train, evaluate: held)
        let r1 = state.rounds[1]
        #expect((r1.data?.dpoRecords ?? 0) >= 2)
        #expect(r1.trainedModel == "\(prefix)-r1" && r1.policy == "\(prefix)-r1")
        #expect(counting.requests.withLock { $0.map(\.method) } == [.sft, .dpo], "the SFT stage is not redone")
        let dpo = try #require(counting.inner.record("\(prefix)-r1"))
        #expect(dpo.method == .dpo)
        #expect(dpo.parent == "\(prefix)-r1-sft")
        #expect(dpo.dataSHA256 == r1.data?.dpoSHA256)
        #expect(counting.inner.record("\(prefix)-r1-sft")?.parent == base)
        #expect(r1.evaluation?.problems == 1)
        // Four sampled answers per problem alternate right and wrong: pass@1 is 2/4 exactly.
        let sampled = try #require(r1.evaluation?.sampled)
        #expect(sampled.samples == 4 && sampled.correct == ["Mbpp/11": 2])
        #expect(sampled.passAtK == [1: 0.5])
        #expect(state.rounds[0].evaluation?.sampled?.passAtK[1] == 0.5)

        // The page beside the state: one curve per measure, the lineage row of round 1.
        let page = try String(contentsOfFile: scratch + "/selfplay/report.html", encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("held-out pass@1 (greedy)") && page.contains("held-out pass@1 (sampled)"))
        #expect(page.contains("\(prefix)-r1-sft") && page.contains(">round<"))
        #expect(
            SelfPlayReport(state: state).series.map(\.points.count) == [2, 1, 1, 2],
            "pass@1 greedy r0 r1, search r1, reward precision r1, sampled r0 r1")
    }

    @Test("The curriculum drops problems the last search always solved: round 2 searches none and keeps the policy")
    func curriculum() async throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let environment = try TrainingEnvironment.discover(cache: TestEnvironment.cacheDirectory, repository: TestEnvironment.packageRoot)
        let counting = CountingTrainer(ModelTrainer(environment: environment, store: ModelStore(directory: scratch + "/models")))
        let prefix = "spcur\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: counting.inner.runDirectory("\(prefix)-r1")) }
        let state = try await loop(counting, prefix: prefix, curriculum: Curriculum(window: 1))
            .run(rounds: 2, basePolicy: TestEnvironment.testModelPath, train: [Self.problem("Mbpp/1"), Self.problem("Mbpp/2")],
                 evaluate: [Self.problem("Mbpp/11")])
        #expect(state.rounds[1].curriculumDropped == nil && state.rounds[1].data?.searchedProblems == 2)
        #expect(state.rounds[2].curriculumDropped == ["Mbpp/1", "Mbpp/2"])
        #expect(state.rounds[2].data?.searchedProblems == 0)
        #expect(state.rounds[2].policy == "\(prefix)-r1", "nothing to train on: the policy is kept")
        #expect(counting.requests.withLock { $0.count } == 1)
    }
}
