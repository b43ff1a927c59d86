internal import Foundation

/// The on-disk cache of oracle outputs for one dataset file, keyed by the file's SHA-256.
struct OracleCache: Codable, Sendable {
    struct Entry: Codable, Sendable, Hashable {
        /// `repr` of the reference's result per base input; `nil` where it raised.
        var base: [String?]
        var plus: [String?]
    }

    static let currentVersion = 1
    var version = OracleCache.currentVersion
    var datasetSHA256: String
    var outputs: [String: Entry]

    init(datasetSHA256: String, outputs: [String: Entry]) {
        self.datasetSHA256 = datasetSHA256
        self.outputs = outputs
    }

    /// The cache at `path`, when it exists, decodes, and matches the dataset and version.
    static func load(path: String, datasetSHA256: String) -> OracleCache? {
        guard let data = FileManager.default.contents(atPath: path),
            let cache = try? JSONDecoder().decode(OracleCache.self, from: data),
            cache.version == currentVersion, cache.datasetSHA256 == datasetSHA256
        else { return nil }
        return cache
    }

    func write(to path: String) throws {
        let data: Data
        do {
            data = try JSONEncoder().encode(self)
        } catch {
            throw EvaluationError(.unwritableCache, path: path, detail: "encoding failed: \(error)")
        }
        try ResultsWriter.writeAtomically(data, to: path, code: .unwritableCache)
    }
}
