import CodeSearch
import Foundation
import O1CoderCore
import O1CoderTestSupport
import RunStorage
import SelfPlay
import Testing
import Training
import TrainingData

/// A self-play directory recorded before configuration version 2 (one seed rule) is not resumed
/// with the new rule: the refusal says why.
@Suite struct SelfPlayConfigurationVersionTests {
    struct NoTrainer: PolicyTrainer {
        struct Unused: Error {}
        func train(_ request: TrainingRequest, restart: Bool, progress: @escaping @Sendable (TrainingPhase) -> Void) async throws -> TrainedModel {
            throw Unused()
        }
    }

    /// A loop over `directory` whose model, sandbox and trainer do nothing worth checking.
    static func loop(_ c: SelfPlayConfiguration, scratch: String, directory: String) throws -> SelfPlayLoop {
        try SelfPlayLoop(
            configuration: c, models: { _ in ConstantLanguageModel(cycling: ["x"]) },
            sandbox: FakeSandbox { _, suite, _ in FakeSandbox.report(.passed, testCount: suite.count) },
            store: try RunStore(path: scratch + "/runs.sqlite"), trainer: NoTrainer(), directory: directory)
    }

    @Test("a directory from before the seed rule is refused with the reason; other settings with the general message")
    func legacyDirectory() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-version-\(UUID().uuidString)"
        let directory = scratch + "/selfplay"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let configuration = SelfPlayConfiguration(namePrefix: "sp")
        var legacy = configuration
        legacy.search.seedRule = nil
        try JSONCoding.data(legacy).write(to: URL(fileURLWithPath: directory + "/configuration.json"))
        func loop(_ c: SelfPlayConfiguration) throws -> SelfPlayLoop { try Self.loop(c, scratch: scratch, directory: directory) }
        let error = await #expect(throws: SelfPlayError.self) {
            try await loop(configuration).run(rounds: 0, basePolicy: "m", train: [], evaluate: [])
        }
        #expect(error?.description.contains("configuration version 2") == true, "\(String(describing: error))")
        var other = configuration
        other.preferenceUpdate.toggle()
        let second = await #expect(throws: SelfPlayError.self) {
            try await loop(other).run(rounds: 0, basePolicy: "m", train: [], evaluate: [])
        }
        #expect(second?.description.contains("other settings") == true)
        // The recorded settings themselves still resume.
        _ = try await loop(legacy).run(rounds: 0, basePolicy: "m", train: [], evaluate: [])
    }

    @Test("a directory from before φ ranking (no pairRanking recorded) reads as outcome ranking; today's default is refused with the flag to use")
    func beforePhiRanking() async throws {
        let scratch = NSTemporaryDirectory() + "o1coder-sp-phi-\(UUID().uuidString)"
        let directory = scratch + "/selfplay"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let configuration = SelfPlayConfiguration(namePrefix: "sp")
        #expect(configuration.pairRanking == .standard)
        // Written as a version without the key would write it.
        var object = try #require(try JSONSerialization.jsonObject(with: JSONCoding.data(configuration)) as? [String: Any])
        object.removeValue(forKey: "pairRanking")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: directory + "/configuration.json"))
        let recorded = try JSONDecoder().decode(SelfPlayConfiguration.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/configuration.json")))
        #expect(recorded.pairRanking == .outcome)
        func loop(_ c: SelfPlayConfiguration) throws -> SelfPlayLoop { try Self.loop(c, scratch: scratch, directory: directory) }
        let error = await #expect(throws: SelfPlayError.self) {
            try await loop(configuration).run(rounds: 0, basePolicy: "m", train: [], evaluate: [])
        }
        #expect(error?.description.contains("--outcome-ranking") == true, "\(String(describing: error))")
        var outcome = configuration
        outcome.pairRanking = .outcome
        _ = try await loop(outcome).run(rounds: 0, basePolicy: "m", train: [], evaluate: [])
    }

    @Test("φ's clock is the round: α = 1 − 0.01 · 25 · round, floored at 0.1")
    func phiClock() {
        #expect(PairRanking.outcome.ranking(round: 3) == .outcome)
        #expect(PairRanking.standard.ranking(round: 2) == .aggregated(RewardAggregator(), step: 50))
        #expect(RewardAggregator().alpha(at: 2 * 25) == 0.5)
        #expect(RewardAggregator().alpha(at: 5 * 25) == 0.1)
    }
}
