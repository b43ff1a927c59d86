import Foundation

/// Locations of fixtures and scratch files (real dataset files: `TestEnvironment`).
enum TestPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

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
