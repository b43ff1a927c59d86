#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension SHA256 {
    /// The hex digest of a file's bytes as stored (no decompression), read in 64 KiB chunks.
    public static func hex(ofFile path: String) throws(FileReadError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(fd) }
        var hasher = SHA256()
        let size = 1 << 16
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, errno: errno)
            }
            if n == 0 { return hasher.finalizeHex() }
            hasher.update(n == size ? chunk : Array(chunk[0..<n]))
        }
    }
}

/// A file could not be read.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// The system's reason (strerror).
    public var reason: String

    init(path: String, errno code: Int32) {
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    public var description: String { "Cannot read '\(path)': \(reason)." }
}
