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

    public init(model: String, modelSHA256: String, rewardTests: String, configuration: CodeSearchConfiguration, toolVersion: String) {
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
        var differences: [String] = []
        if recorded.model != model || recorded.modelSHA256 != modelSHA256 { differences.append("model \(recorded.model) → \(model)") }
        if recorded.rewardTests != rewardTests { differences.append("reward tests \(recorded.rewardTests) → \(rewardTests)") }
        if recorded.configuration != configuration { differences.append("search/sampling configuration") }
        return differences
    }
}
