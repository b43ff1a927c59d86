internal import CZlib

/// zlib's inflate for whole in-memory payloads (zlib or gzip framing, detected), such as
/// LiveCodeBench's compressed private tests.
enum Zlib {
    /// Decompresses `input`; `limit` bounds the output so a hostile payload cannot exhaust memory.
    static func inflate(_ input: [UInt8], limit: Int = 1 << 30) throws(DatasetError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 32: accept zlib and gzip headers alike.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError(.decompressionFailed, path: "", detail: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var input = input
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: target[0..<(target.count - Int(stream.avail_out))])
                }
            } while status == Z_OK && output.count <= limit
        }
        guard status == Z_STREAM_END, output.count <= limit else {
            let reason = output.count > limit ? "the payload inflates past \(limit) bytes" : "corrupt or truncated data (zlib status \(status))"
            throw DatasetError(.decompressionFailed, path: "", detail: reason)
        }
        return output
    }
}
