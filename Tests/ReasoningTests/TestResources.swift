import Foundation

/// Reads the test target's resource folders (`Corpus/`, `Golden/`) and writes goldens back to the
/// source tree when `O1CODER_UPDATE_GOLDEN=1` (deliberate regeneration only).
enum TestResources {
    static func corpusFile(_ name: String) throws -> String {
        try read(folder: "Corpus", name: name)
    }

    static func read(folder: String, name: String) throws -> String {
        guard let dir = Bundle.module.url(forResource: folder, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let data = try Data(contentsOf: dir.appendingPathComponent(name))
        return String(decoding: data, as: UTF8.self)
    }

    static var isUpdatingGoldens: Bool { ProcessInfo.processInfo.environment["O1CODER_UPDATE_GOLDEN"] == "1" }

    /// The golden file's contents, or nil when it does not exist. Writes `actual` to the source
    /// tree first when regenerating.
    static func golden(_ name: String, actual: String, filePath: String = #filePath) throws -> String? {
        if isUpdatingGoldens {
            let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: dir.appendingPathComponent(name))
            return actual
        }
        return try? read(folder: "Golden", name: name)
    }
}
