import O1CoderCore
import Foundation

/// What every record of a comparison ledger was made with, kept beside it (`<ledger>.manifest.json`).
/// A later run may add problems, arms or budgets to the ledger only with the same manifest.
public struct ComparisonManifest: Codable, Sendable, Hashable {
    public var model: String
    public var modelSHA256: String
    public var rewardTests: String
    public var configuration: CodeSearchConfiguration
    public var toolVersion: String
    /// The PRM of the `mcts-puct-prm` arm, when a run has used one, and its file's sha256.
    public var processReward: ProcessRewardGuidance?
    public var processRewardSHA256: String?

    public init(
        model: String, modelSHA256: String, rewardTests: String, configuration: CodeSearchConfiguration, toolVersion: String,
        processReward: ProcessRewardGuidance? = nil, processRewardSHA256: String? = nil
    ) {
        self.processReward = processReward
        self.processRewardSHA256 = processRewardSHA256
        self.model = model
        self.modelSHA256 = modelSHA256
        self.rewardTests = rewardTests
        self.configuration = configuration
        self.toolVersion = toolVersion
    }

    public static func path(forLedger ledger: String) -> String { ledger + ".manifest.json" }

    /// The manifest recorded beside `ledger`, if any (nil for a new or unreadable one).
    public static func recorded(forLedger ledger: String) -> ComparisonManifest? {
        FileManager.default.contents(atPath: path(forLedger: ledger)).flatMap { try? JSONDecoder().decode(ComparisonManifest.self, from: $0) }
    }

    /// Writes the manifest for a new ledger, or checks it against the recorded one.
    /// - Returns: the differences (empty when the ledger may be extended).
    public func openOrCheck(ledger: String) throws -> [String] {
        let path = Self.path(forLedger: ledger)
        let encoder = JSONCoding.encoder(.document)
        // A manifest beside no cells binds nothing (the ledger stays out of git, so a fresh
        // clone has the committed manifest alone): it is rewritten with these settings.
        let ledgerBytes = (try? FileManager.default.attributesOfItem(atPath: ledger)[.size] as? Int) ?? 0
        guard ledgerBytes > 0, let data = FileManager.default.contents(atPath: path) else {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
            return []
        }
        let recorded = try JSONDecoder().decode(ComparisonManifest.self, from: data)
        let differences = recorded.differences(from: self)
        // A PRM arriving in a ledger that had none binds its later PRM cells.
        if differences.isEmpty, recorded.processReward == nil, processReward != nil {
            var extended = recorded
            extended.processReward = processReward
            extended.processRewardSHA256 = processRewardSHA256
            try encoder.encode(extended).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        return differences
    }

    /// What `other` changes relative to these settings (empty when a ledger made with these may
    /// be extended by a run with `other`). A PRM joining a ledger that had none is no change.
    public func differences(from other: ComparisonManifest) -> [String] {
        var differences: [String] = []
        if model != other.model || modelSHA256 != other.modelSHA256 { differences.append("model \(model) → \(other.model)") }
        if rewardTests != other.rewardTests { differences.append("reward tests \(rewardTests) → \(other.rewardTests)") }
        if configuration != other.configuration { differences.append("search/sampling configuration") }
        if let before = processReward, let now = other.processReward,
            before != now || processRewardSHA256 != other.processRewardSHA256
        {
            differences.append("PRM \(before.model) (weight \(before.weight)) → \(now.model) (weight \(now.weight))")
        }
        return differences
    }
}
