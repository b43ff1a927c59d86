#if canImport(Glibc)
import Glibc
#endif

/// The fixed part of a GGUF file header, read before handing a file to llama.cpp so that a wrong
/// file gives a clear error instead of a library-level failure.
public struct GGUFHeader: Sendable, Hashable {
    /// The four magic bytes every GGUF file starts with ("GGUF").
    public static let magic: [UInt8] = Array("GGUF".utf8)
    public var version: UInt32
    public var tensorCount: UInt64
    public var metadataCount: UInt64

    /// Parses the 24-byte header (magic, version, tensor count, metadata count; little endian).
    public init(bytes: [UInt8]) throws(InferenceError) {
        guard bytes.count >= 24, Array(bytes[0..<4]) == Self.magic else {
            throw InferenceError(.invalidModelFile, "The file is not a GGUF model (its first bytes are not 'GGUF'). Pass a .gguf file or a registry name (o1coder models list).")
        }
        func le<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            var v: T = 0
            for i in 0..<MemoryLayout<T>.size { v |= T(bytes[offset + i]) << (8 * i) }
            return v
        }
        version = le(4, UInt32.self)
        tensorCount = le(8, UInt64.self)
        metadataCount = le(16, UInt64.self)
        guard (1...3).contains(version) else {
            throw InferenceError(.invalidModelFile, "The GGUF file has unsupported version \(version); re-download or convert the model.")
        }
    }

    /// Reads and validates the header of the file at `path`.
    public static func read(path: String) throws(InferenceError) -> GGUFHeader {
        guard let file = fopen(path, "rb") else {
            throw InferenceError(.modelNotFound, "Model file not found or unreadable at '\(path)'. Pass --model with an existing .gguf path or a registry name, and run `o1coder models pull NAME` first.")
        }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 24)
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, 24, file) }
        return try GGUFHeader(bytes: Array(buffer.prefix(n)))
    }
}
