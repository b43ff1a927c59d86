import Foundation
import ChildProcesses

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

    /// Gzips `source` into `directory` with the real /bin/gzip and returns the new path.
    static func gzipped(_ source: String, into directory: String) async throws -> String {
        let target = directory + "/" + URL(fileURLWithPath: source).lastPathComponent + ".gz"
        try await TrustedProcess.run("/bin/sh", ["-c", "/bin/gzip -c \"$0\" > \"$1\"", source, target])
        return target
    }
}
