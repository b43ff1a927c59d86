import O1CoderCore
internal import Foundation

/// The on-disk cache of oracle outputs for one dataset file, keyed by the file's SHA-256. It grows
/// by problem: a run over some problems (`--limit`, `--problem`) adds theirs, and a later run
/// computes only the problems still missing.
struct OracleCache: Codable, Sendable {
    /// What running the reference on one input gave.
    enum Status: String, Codable, Sendable, Hashable {
        case ok
        /// The reference raised: the input gets no test (as in EvalPlus, whose ground truth would fail).
        case raised
        /// Over the per-input CPU limit.
        case timeout
        /// The process died on this input as the first of a fresh batch (memory, a crash, or the
        /// batch CPU limit spent on it alone).
        case crashed
        /// The sandbox itself failed; not a property of the input, so never written to disk.
        case sandboxError = "sandbox_error"

        /// Whether the outcome would be the same on a rerun (so it may be cached).
        var isDefinitive: Bool { self != .sandboxError }
    }

    struct Output: Codable, Sendable, Hashable {
        var status: Status
        /// `repr` of the result when `status == .ok`.
        var value: String?
        /// Wall seconds of the call (EvalPlus scales its per-input time limits by this).
        var seconds: Double

        enum CodingKeys: String, CodingKey {
            case status = "s"
            case value = "v"
            case seconds = "t"
        }
    }

    struct Entry: Codable, Sendable, Hashable {
        var base: [Output]
        var plus: [Output]

        var isDefinitive: Bool { (base + plus).allSatisfy(\.status.isDefinitive) }
    }

    /// 2: per-input status and time, MBPP+ input conversion (version 1 ran MBPP+ references on
    /// unconverted JSON lists, so its outputs are wrong for those tasks).
    static let currentVersion = 2
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
            data = try JSONCoding.encoder().encode(self)
        } catch {
            throw EvaluationError(.unwritableCache, path: path, detail: "encoding failed: \(error)")
        }
        try ResultsWriter.writeAtomically(data, to: path, code: .unwritableCache)
    }
}
