#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif
internal import Foundation
public import O1CoderCore

/// Streams a JSONL file line by line, transparently decompressing gzip.
///
/// - Plain files are read with `read(2)` in 64 KiB chunks.
/// - Gzip files (detected by the `1f 8b` magic bytes, whatever the extension) are decoded by
///   zlib chunk by chunk as they are read, so the unpacked file (up to 11 MB for EvalPlus) is
///   never held in memory: only the current line is buffered.
///
/// Lines are split on `\n`; a trailing `\r` is dropped; blank lines are skipped but counted, so
/// line numbers in errors match what an editor shows.
public struct JSONLReader: Sendable {
    public var path: String
    /// Lines longer than this are rejected (a binary or wrong file, not a dataset).
    public var maximumLineLength: ByteCount
    public init(path: String, maximumLineLength: ByteCount = .mebibytes(256)) {
        self.path = path
        self.maximumLineLength = maximumLineLength
    }

    /// Calls `body` with each non-blank line (1-based line number, UTF-8 bytes without the newline).
    /// - Throws: ``DatasetError`` for I/O problems; rethrows whatever `body` throws.
    public func forEachLine(_ body: (_ lineNumber: Int, _ line: ArraySlice<UInt8>) throws -> Void) throws {
        let source = try ByteSource(path: path)
        var buffer: [UInt8] = []
        var lineNumber = 0
        var scanFrom = 0
        let cap = maximumLineLength.rawValue
        while true {
            let chunk = try source.read()
            if chunk.isEmpty { break }
            buffer.append(contentsOf: chunk)
            var lineStart = 0
            while let newline = buffer[scanFrom...].firstIndex(of: 0x0A) {
                lineNumber += 1
                try emit(buffer[lineStart..<newline], lineNumber: lineNumber, body)
                lineStart = newline + 1
                scanFrom = lineStart
            }
            buffer.removeFirst(lineStart)
            scanFrom = buffer.count
            if buffer.count > cap {
                throw DatasetError(.lineTooLong, path: path, line: lineNumber + 1, detail: "\(maximumLineLength)")
            }
        }
        if !buffer.isEmpty {
            lineNumber += 1
            try emit(buffer[...], lineNumber: lineNumber, body)
        }
    }

    private func emit(
        _ line: ArraySlice<UInt8>, lineNumber: Int, _ body: (Int, ArraySlice<UInt8>) throws -> Void
    ) throws {
        var trimmed = line
        if trimmed.last == 0x0D { trimmed = trimmed.dropLast() }
        if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        try body(lineNumber, trimmed)
    }

    /// Parses every line as JSON and calls `body` with each record.
    ///
    /// With `skipMalformed`, a line that is not JSON, or for which `body` throws a
    /// ``DatasetError``, is skipped and reported in the returned warnings; otherwise the first
    /// such line throws.
    /// - Returns: warnings for skipped lines.
    /// The problems `make` builds from the records of `path` (nil: the record is left out), with
    /// the warnings of skipped lines: the whole `load` of a one-record-one-problem loader.
    public static func problems(
        path: String, options: LoadOptions, _ make: (_ record: DatasetRecord) throws -> Problem?
    ) throws -> LoadedProblems {
        var problems: [Problem] = []
        let warnings = try JSONLReader(path: path).forEachRecord(skipMalformed: options.skipMalformed) { record in
            if let problem = try make(record) { problems.append(problem) }
        }
        return LoadedProblems(problems: problems, warnings: warnings)
    }

    public func forEachRecord(
        skipMalformed: Bool, _ body: (_ record: DatasetRecord) throws -> Void
    ) throws -> [DatasetWarning] {
        var warnings: [DatasetWarning] = []
        try forEachLine { lineNumber, line in
            do {
                let value: JSONValue
                do {
                    value = try JSONValue.parse(bytes: line)
                } catch let error as JSONParseError {
                    throw DatasetError(
                        .malformedJSON, path: path, line: lineNumber,
                        detail: "\(error.reason) at column \(error.offset + 1)")
                }
                try body(DatasetRecord(value: value, path: path, line: lineNumber))
            } catch let error as DatasetError where skipMalformed {
                warnings.append(DatasetWarning(path: path, line: error.line, message: "skipped: \(error.detail)"))
            }
        }
        return warnings
    }

    /// Reads a whole (small) file, decompressing gzip, for formats that are one JSON document.
    public func readAll() throws -> [UInt8] {
        let source = try ByteSource(path: path)
        var all: [UInt8] = []
        while true {
            let chunk = try source.read()
            if chunk.isEmpty { break }
            all.append(contentsOf: chunk)
        }
        return all
    }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}

/// The bytes of a file: read directly, or decoded by zlib as they are read when the file is gzip.
private final class ByteSource {
    private let path: String
    private let fd: Int32
    private let inflater: Zlib.Inflater?
    private var firstChunk: [UInt8]?
    private static let chunkSize = 1 << 16

    init(path: String) throws {
        self.path = path
        let fileFD = open(path, O_RDONLY | O_CLOEXEC)
        guard fileFD >= 0 else {
            throw DatasetError(.unreadable, path: path, detail: String(cString: strerror(errno)))
        }
        fd = fileFD
        let head: [UInt8]
        do { head = try ByteSource.readChunk(fd: fileFD, path: path) } catch {
            close(fileFD)
            throw error
        }
        firstChunk = head
        guard head.count >= 2 && head[0] == 0x1F && head[1] == 0x8B else {
            inflater = nil
            return
        }
        do { inflater = try Zlib.Inflater() } catch {
            close(fileFD)
            throw DatasetError(.decompressionFailed, path: path, detail: error.detail)
        }
    }

    deinit { close(fd) }

    private static func readChunk(fd: Int32, path: String) throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, chunkSize) }
            if n >= 0 {
                chunk.removeLast(chunkSize - n)
                return chunk
            }
            if errno == EINTR { continue }
            throw DatasetError(.unreadable, path: path, detail: String(cString: strerror(errno)))
        }
    }

    /// The next chunk of (decoded) bytes; empty at end of file.
    func read() throws -> [UInt8] {
        while true {
            let raw: [UInt8]
            if let first = firstChunk {
                firstChunk = nil
                raw = first
            } else {
                raw = try ByteSource.readChunk(fd: fd, path: path)
            }
            guard let inflater else { return raw }
            if raw.isEmpty {
                guard inflater.atStreamEnd else {
                    throw DatasetError(.decompressionFailed, path: path, detail: "truncated gzip data: the file ends inside a compressed stream")
                }
                return []
            }
            let decoded: [UInt8]
            do { decoded = try inflater.decode(raw) } catch { throw DatasetError(.decompressionFailed, path: path, detail: error.detail) }
            if !decoded.isEmpty { return decoded }
        }
    }
}
