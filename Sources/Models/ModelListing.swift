import Foundation
import O1CoderCore

/// What `o1coder models list` shows: the registry's models (size, cached or not, sha256) and the
/// trained models in a store, as a table or as JSON.
public struct ModelListing: Sendable {
    public struct Row: Codable, Sendable, Hashable {
        public var name: String
        public var size: Int
        public var cached: Bool
        public var path: String
        public var sha256: String
        public var summary: String
    }

    public var rows: [Row]
    /// Trained models and the model each was trained from.
    public var trained: [(name: String, parent: String)]
    public var directory: String

    public init(store: ModelStore) {
        rows = ModelRegistry.all.map {
            Row(name: $0.id.rawValue, size: $0.size.rawValue, cached: store.isCached($0), path: store.path(for: $0), sha256: $0.sha256, summary: $0.summary)
        }
        trained = store.trainedNames().map { name in
            (name, (try? store.trainedSpec(name))??.lineage.parent?.rawValue ?? "?")
        }
        directory = store.directory
    }

    /// The registry rows as pretty, key-sorted JSON.
    public func json() throws -> String {
        let encoder = JSONCoding.encoder(.document)
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }

    /// One line per model, the default marked with `*`.
    public func table() -> String {
        var lines = ["NAME                         SIZE      CACHED  SHA256"]
        for row in rows {
            let size = String(format: "%.0f MB", Double(row.size) / 1e6)
            let name = row.name + (row.name == ModelRegistry.defaultModel.rawValue ? "*" : "")
            lines.append(
                name.padding(toLength: 29, withPad: " ", startingAt: 0) + size.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + (row.cached ? "yes     " : "no      ") + row.sha256)
        }
        for (name, parent) in trained { lines.append(name.padding(toLength: 29, withPad: " ", startingAt: 0) + "trained  from " + parent) }
        lines.append("* default model. Cache: \(directory)")
        return lines.joined(separator: "\n")
    }
}
