#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Reads a file's raw bytes (no decompression) in chunks, for hashing.
enum FileChunks {
    static func forEach(path: String, _ body: ([UInt8]) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DatasetError(.unreadable, path: path, detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        let size = 1 << 16
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DatasetError(.unreadable, path: path, detail: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            try body(n == size ? chunk : Array(chunk[0..<n]))
        }
    }
}
