#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole output file (every `--out FILE` of the tool) so that a reader never sees half
/// of it: the bytes go to a temporary file in the target's directory, then rename(2) puts it in
/// place, replacing an existing file atomically. Missing parent directories are created.
///
/// Written with POSIX calls, not Foundation, for two reasons: `FileManager.replaceItemAt` on
/// Linux deletes the existing target and then fails with "The file doesn't exist"
/// (swift-corelibs-foundation#4655), and `("results.jsonl" as NSString).deletingLastPathComponent`
/// is "", which `createDirectory(atPath:)` rejects the same way. Here a bare file name's
/// directory is ".".
public enum OutputFile {
    /// The directory holding `path`: "." for a bare file name, "/" for a file in the root.
    public static func directory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }

    /// Creates `path`'s parent directories where missing (none for a bare file name).
    public static func createParentDirectories(of path: String) throws(OutputFileError) {
        try createDirectories(directory(of: path), for: path)
    }

    /// Writes `text` as UTF-8 to `path`, atomically.
    public static func write(_ text: String, to path: String) throws(OutputFileError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw OutputFileError(path: path, operation: "name", reason: "the path names no file")
        }
        let directory = directory(of: path)
        try createDirectories(directory, for: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (directory == "/" ? "" : directory) + "/.\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError(path: path, operation: "create \(temporary)", errno: errno) }
        var failure: OutputFileError?
        if let code = writeAll(fd, bytes) {
            failure = OutputFileError(path: path, operation: "write \(temporary)", errno: code)
        }
        // fsync before the rename, so a crash leaves the old file or the whole new one.
        if failure == nil, fsync(fd) != 0 { failure = OutputFileError(path: path, operation: "fsync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = OutputFileError(path: path, operation: "close", errno: errno) }
        if failure == nil, rename(temporary, path) != 0 {
            failure = OutputFileError(path: path, operation: "rename \(temporary) to it", errno: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// `mkdir -p directory`.
    private static func createDirectories(_ directory: String, for path: String) throws(OutputFileError) {
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw OutputFileError(path: path, operation: "create the directory \(prefix)", errno: errno)
            }
            prefix += "/"
        }
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) else {
            throw OutputFileError(path: path, operation: "use the directory \(directory)", reason: "it is not a directory")
        }
    }
}

/// Writes all of `bytes` to `fd`; the errno of a failed write(2), nil when all were written.
private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
    bytes.withUnsafeBytes { buffer -> Int32? in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let written = write(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// An output file could not be written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// What failed, e.g. "create the directory out".
    public var operation: String
    public var reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    public var description: String {
        "Cannot write '\(path)': \(operation) failed: \(reason). Check that its directory is writable."
    }
}
