import CodeSearch
import Foundation
import Inference
import Models
import O1CoderCore
import O1CoderTestSupport
import RunStorage
import Search
import SelfPlay
import Synchronization
import Testing
@testable import Training

/// The PRM inside the loop, with doubles for the trainer and the PRM (the real trainer and the
/// real scorer have their own tests): trained after each round on the process data of every round
/// so far, loaded to shape round 2's priors, recorded with the round.
@Suite struct SelfPlayProcessRewardTests {
    /// Records each request and answers with a trained-model record, training nothing.
    final class RecordingTrainer: PolicyTrainer {
        let requests = Mutex<[TrainingRequest]>([])
        func train(_ request: TrainingRequest, restart: Bool, progress: @escaping @Sendable (TrainingPhase) -> Void) async throws -> TrainedModel {
            requests.withLock { $0.append(request) }
            return TrainedModel(
                name: request.name, method: request.method, parent: request.base, data: request.data, dataSHA256: "", records: 1,
                hyperparameters: request.hyperparameters, metrics: [:], steps: 1, resumedFrom: nil, torch: "-", lockSHA256: "-",
                created: Date(), adapter: "-", peftAdapter: "-", spec: ModelSpec(name: request.name, basePath: "/none.gguf"),
                purpose: nil, configFile: nil)
        }
    }

    /// Two samples per expansion, two rollouts: enough for a tree with siblings.
    static var smallSearch: CodeSearchConfiguration {
        var search = CodeSearchConfiguration.standard
        search.search.width = 2
        search.search.rollouts = 2
        return search
    }

    /// Passes programs that add.
    static var additionSandbox: FakeSandbox {
        FakeSandbox { program, suite, _ in
            FakeSandbox.report(program.contains("a + b") ? .passed : .failed(test: 0, message: "wrong"), testCount: suite.count)
        }
    }

    /// Scores every step 0.5 and counts the paths it was asked about.
    final class CountingPRM: ProcessRewardModel {
        let paths = Mutex(0)
        func scores(problem: String, steps: [String]) async throws -> [Double] {
            paths.withLock { $0 += 1 }
            return steps.map { _ in 0.5 }
        }
    }

    @Test("--prm: a PRM per round from the base policy on all rounds' process data; round 2 searches with round 1's PRM on PUCT")
    func loop() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-prm-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let search = Self.smallSearch
        let configuration = SelfPlayConfiguration(search: search, namePrefix: "sp", preferenceUpdate: false, processReward: .init(weight: 0.3))
        let sandbox = Self.additionSandbox
        let trainer = RecordingTrainer()
        let prm = CountingPRM()
        let loaded = Mutex<[String]>([])
        let store = try RunStore(path: scratch + "/runs.sqlite")
        let loop = try SelfPlayLoop(
            configuration: configuration, models: { _ in ConstantLanguageModel(cycling: [SelfPlayLoopTests.answer]) },
            processRewardModels: { name in
                loaded.withLock { $0.append(name) }
                return prm
            },
            sandbox: sandbox, store: store, trainer: trainer, directory: scratch + "/selfplay")
        let state = try await loop.run(
            rounds: 2, basePolicy: "base", train: [SelfPlayLoopTests.problem("Mbpp/1"), SelfPlayLoopTests.problem("Mbpp/2")],
            evaluate: [SelfPlayLoopTests.problem("Mbpp/3")])

        let prmRequests = trainer.requests.withLock { $0 }.filter { $0.method == .prm }
        #expect(prmRequests.map(\.name) == ["sp-prm-r1", "sp-prm-r2"])
        #expect(prmRequests.allSatisfy { $0.base == "base" }, "every PRM is trained from the base policy")
        let first = try #require(state.rounds[1].prm)
        let second = try #require(state.rounds[2].prm)
        #expect(first.model == "sp-prm-r1" && second.model == "sp-prm-r2")
        #expect(first.records > 0 && second.records > first.records, "round 2's data holds round 1's too")
        let lines = try String(contentsOfFile: second.data, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == second.records)
        #expect(SHA256.hex(of: Array(try String(contentsOfFile: second.data, encoding: .utf8).utf8)) == second.sha256)

        // Round 1 searched without a PRM; round 2 loaded round 1's and used it on PUCT's priors.
        #expect(loaded.withLock { $0 } == ["sp-prm-r1"])
        #expect(prm.paths.withLock { $0 } > 0)
        let run2 = try #require(state.rounds[2].searchRun)
        let recorded = try JSONDecoder().decode(
            CodeSearchConfiguration.self, from: Data(try #require(try store.run(run2)).configuration.utf8))
        #expect(recorded.processReward == ProcessRewardGuidance(model: "sp-prm-r1", weight: 0.3))
        if case .puct = recorded.search.selection {} else { Issue.record("round 2 should select with PUCT, got \(recorded.search.selection)") }
        let run1 = try #require(state.rounds[1].searchRun)
        let recorded1 = try JSONDecoder().decode(
            CodeSearchConfiguration.self, from: Data(try #require(try store.run(run1)).configuration.utf8))
        #expect(recorded1.processReward == nil)

        #expect(SelfPlayReport(state: state).html().contains("sp-prm-r2 ("))
        // A rerun trains nothing again.
        _ = try await loop.run(
            rounds: 2, basePolicy: "base", train: [SelfPlayLoopTests.problem("Mbpp/1"), SelfPlayLoopTests.problem("Mbpp/2")],
            evaluate: [SelfPlayLoopTests.problem("Mbpp/3")])
        #expect(trainer.requests.withLock { $0 }.filter { $0.method == .prm }.count == 2)
    }

    /// Scores every step `value`.
    final class ConstantPRM: ProcessRewardModel {
        let value: Double
        init(_ value: Double) { self.value = value }
        func scores(problem: String, steps: [String]) async throws -> [Double] { steps.map { _ in value } }
    }

    @Test("--prm with φ ranking: round 2's DPO pairs are ranked with round 1's PRM step scores, round 1's with the tree's values")
    func phiWithPRM() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-prm-phi-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let search = Self.smallSearch
        let configuration = SelfPlayConfiguration(search: search, namePrefix: "sp", processReward: .init(weight: 0.3))
        let sandbox = Self.additionSandbox
        let loop = try SelfPlayLoop(
            configuration: configuration,
            models: { _ in ConstantLanguageModel(cycling: [SelfPlayLoopTests.answer, SelfPlayLoopTests.wrong]) },
            processRewardModels: { _ in ConstantPRM(0) },
            sandbox: sandbox, store: try RunStore(path: scratch + "/runs.sqlite"), trainer: RecordingTrainer(),
            directory: scratch + "/selfplay")
        let state = try await loop.run(
            rounds: 2, basePolicy: "base", train: [SelfPlayLoopTests.problem("Mbpp/1"), SelfPlayLoopTests.problem("Mbpp/2")],
            evaluate: [SelfPlayLoopTests.problem("Mbpp/3")])
        let first = try #require(state.rounds[1].data)
        let second = try #require(state.rounds[2].data)
        #expect(first.dpoScoredBy == nil && second.dpoScoredBy == "sp-prm-r1")
        #expect(first.dpoRecords > 0 && second.dpoRecords > 0)
        func rewards(_ path: String) throws -> [(chosen: Double, rejected: Double)] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return (try #require(object["chosen_reward"] as? Double), try #require(object["rejected_reward"] as? Double))
            }
        }
        // Round 2 ranks at t = 50 (α = 0.5); a PRM that scores every step 0 leaves φ = α·R, so a
        // chosen trace that passes every reward test scores exactly 0.5.
        let ranked = try rewards(second.dpo)
        #expect(ranked.allSatisfy { abs($0.chosen - 0.5) < 1e-12 && $0.rejected < 0.5 })
        // Round 1 used the tree's values (positive on the solving path), so its chosen side scores above α·R = 0.75.
        #expect(try rewards(first.dpo).allSatisfy { $0.chosen > 0.75 })
    }
}

