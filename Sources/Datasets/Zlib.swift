internal import CZlib

/// zlib's inflate (zlib or gzip framing, detected): whole payloads such as LiveCodeBench's
/// compressed private tests, and streams such as a `.jsonl.gz` dataset read chunk by chunk.
enum Zlib {
    /// Decompresses `input`; `limit` bounds the output so a hostile payload cannot exhaust memory.
    static func inflate(_ input: [UInt8], limit: Int = 1 << 30) throws(DatasetError) -> [UInt8] {
        let inflater = try Inflater()
        let output = try inflater.decode(input, limit: limit)
        guard inflater.atStreamEnd else {
            throw DatasetError(.decompressionFailed, path: "", detail: "corrupt or truncated data (the stream does not end)")
        }
        return output
    }

    /// A streaming decoder: compressed chunks in, decoded bytes out. Concatenated gzip members
    /// decode as one stream, as `gzip -dc` does.
    final class Inflater {
        // Heap-allocated on purpose: zlib keeps a pointer back to the stream and checks it on
        // every call, so the z_stream must not move between calls.
        private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        /// True after a member ended with no input left over: the data so far are complete.
        private(set) var atStreamEnd = false

        init() throws(DatasetError) {
            stream.initialize(to: z_stream())
            // 15 window bits + 32: accept zlib and gzip headers alike.
            guard inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw DatasetError(.decompressionFailed, path: "", detail: "zlib could not start")
            }
        }

        deinit {
            inflateEnd(stream)
            stream.deallocate()
        }

        /// Decodes all of `input` (a member that ends inside it is followed by the next one).
        func decode(_ input: [UInt8], limit: Int = .max) throws(DatasetError) -> [UInt8] {
            guard !input.isEmpty else { return [] }
            if atStreamEnd {
                inflateReset(stream)
                atStreamEnd = false
            }
            var output: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var status: Int32 = Z_OK
            var input = input
            input.withUnsafeMutableBufferPointer { source in
                stream.pointee.next_in = source.baseAddress
                stream.pointee.avail_in = UInt32(source.count)
                while output.count <= limit {
                    chunk.withUnsafeMutableBufferPointer { target in
                        stream.pointee.next_out = target.baseAddress
                        stream.pointee.avail_out = UInt32(target.count)
                        status = CZlib.inflate(stream, Z_NO_FLUSH)
                        output.append(contentsOf: target[0..<(target.count - Int(stream.pointee.avail_out))])
                    }
                    if status == Z_STREAM_END {
                        guard stream.pointee.avail_in > 0 else { atStreamEnd = true; break }
                        inflateReset(stream)
                        continue
                    }
                    // Z_BUF_ERROR: no progress possible until more input comes.
                    if status != Z_OK || (stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) { break }
                }
                stream.pointee.next_in = nil
                stream.pointee.avail_in = 0
            }
            if output.count > limit {
                throw DatasetError(.decompressionFailed, path: "", detail: "the payload inflates past \(limit) bytes")
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw DatasetError(.decompressionFailed, path: "", detail: "corrupt data (zlib status \(status))")
            }
            return output
        }
    }
}
