import Foundation
public import O1CoderCore

extension ComparisonReport {
    /// What ``restore(_:fromReportAt:)`` did.
    public enum Restoration: Equatable, Sendable {
        /// No report there, or one without settings: nothing to restore.
        case nothing
        /// `cells` records copied into the ledger (0 when it already had them all).
        case restored(cells: Int)
        /// The ledger was made with other settings than the report: left alone.
        case conflicting(differences: [String])
    }

    /// Refills `ledger` with the cells of the committed report at `path` that it lacks, so a
    /// comparison that ran in an earlier session (whose ledger, out of git, is gone) goes on
    /// where it stopped instead of starting over. An empty ledger also gets the report's
    /// manifest, so the settings check that follows compares a new run with the old one.
    public static func restore(_ ledger: JSONLLedger<ComparisonRecord>, fromReportAt path: String) throws -> Restoration {
        guard let data = FileManager.default.contents(atPath: path) else { return .nothing }
        let report: ComparisonReport
        do {
            report = try JSONDecoder().decode(ComparisonReport.self, from: data)
        } catch {
            throw JSONLLedger<ComparisonRecord>.Failure.unreadable(path: path, line: 1, reason: "not a bench-search report: \(error)")
        }
        guard let manifest = report.manifest else { return .nothing }
        let existing = try ledger.records()
        if existing.isEmpty {
            // A manifest beside no cells binds nothing, so this one replaces it.
            _ = try manifest.openOrCheck(ledger: ledger.path)
        } else if let recorded = ComparisonManifest.recorded(forLedger: ledger.path) {
            let differences = recorded.differences(from: manifest)
            if !differences.isEmpty { return .conflicting(differences: differences) }
        }
        let known = Set(existing.map(\.key))
        let missing = report.records.filter { !known.contains($0.key) }
        for record in missing { try ledger.append(record) }
        return .restored(cells: missing.count)
    }
}
