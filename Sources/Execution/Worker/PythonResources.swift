internal import Foundation

/// Copies the worker's Python files from the bundle into a fresh world-readable directory, so that
/// an unprivileged worker (uid 65534) can read them; removed again when the sandbox shuts down.
struct PythonResources: Sendable {
    static let files = [
        "worker.py", "harness.py", "policy.py", "canonical.py", "classify.py", "integrity.py", "sanitize.py", "stdio.py",
    ]

    /// The staged Python files.
    let directory: URL
    /// Root of the staging area (also holds the scratch directory and worker logs).
    let root: URL
    /// Scratch space for executions when bubblewrap's private /tmp is not available.
    let scratch: URL

    static func stage() throws(SandboxError) -> PythonResources {
        guard let source = Bundle.module.url(forResource: "Python", withExtension: nil) else {
            throw .resourcesMissing("the Python worker files are not in the Execution resource bundle")
        }
        let fileManager = FileManager.default
        let root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("o1coder-sandbox-\(getpid())-\(UUID().uuidString.prefix(8))")
        let directory = root.appendingPathComponent("python")
        let scratch = root.appendingPathComponent("scratch")
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            try fileManager.createDirectory(at: scratch, withIntermediateDirectories: true)
            for name in files {
                try fileManager.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
                try fileManager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.appendingPathComponent(name).path)
            }
            try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
            try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: scratch.path)
            if getuid() == 0 {
                guard chown(scratch.path, 65534, 65534) == 0 else {
                    throw SandboxError.resourcesMissing("cannot hand the scratch directory \(scratch.path) to uid 65534")
                }
            }
        } catch let error as SandboxError {
            throw error
        } catch {
            throw .resourcesMissing("cannot stage the Python worker files in \(root.path): \(error)")
        }
        return PythonResources(directory: directory, root: root, scratch: scratch)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
