import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An append-only JSON-lines file of finished work items: the resumable ledger of a batch job.
///
/// Each ``append(_:)`` writes one line and fsyncs it before returning, so a job killed at any
/// moment loses only the items in flight. A torn last line (a kill mid-write) is dropped and cut
/// off by ``records()``, so the next append starts on a clean line. Chosen over the SQLite store
/// for jobs whose records are flat values meant to be read by people and scripts (`jq`, pandas)
/// and extended across sessions by appending.
public struct JSONLLedger<Record: Codable & Sendable>: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public enum Failure: Error, CustomStringConvertible, Sendable {
        case unreadable(path: String, line: Int, reason: String)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let line, let reason):
                "\(path):\(line): not a ledger record (\(reason)). Move the file away to start over, or fix the line."
            case .unwritable(let path, let reason):
                "Cannot write the ledger \(path): \(reason). Check that its directory exists and is writable."
            }
        }
    }

    /// Makes the file end on a clean line before appending to a file read some other way: a torn
    /// last line (a kill mid-write) is cut off. Nothing happens to a missing or clean file.
    public func repair() throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path), let last = data.last, last != 0x0A else { return }
        try cut(toLength: data.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
    }

    /// Truncates the file to `length` bytes (dropping a torn last line).
    private func cut(toLength length: Int) throws(Failure) {
        guard truncate(path, off_t(length)) == 0 else {
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Every complete record, in file order. Repairs a torn last line in place.
    public func records() throws(Failure) -> [Record] {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return [] }
        let decoder = JSONDecoder()
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        let unterminated = lines.removeLast()  // empty when the file ends with a newline
        var result: [Record] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            do {
                result.append(try decoder.decode(Record.self, from: Data(line)))
            } catch {
                throw .unreadable(path: path, line: index + 1, reason: "\(error)")
            }
        }
        if !unterminated.isEmpty {
            if let last = try? decoder.decode(Record.self, from: Data(unterminated)) {
                result.append(last)
                try appendBytes(Data([0x0A]))
            } else {
                try cut(toLength: data.count - unterminated.count)
            }
        }
        return result
    }

    /// Appends one record and flushes it to disk.
    public func append(_ record: Record) throws(Failure) {
        let encoder = JSONCoding.encoder()
        var line: Data
        do {
            line = try encoder.encode(record)
        } catch {
            throw .unwritable(path: path, reason: "cannot encode the record: \(error)")
        }
        line.append(0x0A)
        try appendBytes(line)
    }

    private func appendBytes(_ bytes: Data) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var failure: String?
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if let failure { throw .unwritable(path: path, reason: failure) }
        guard fsync(fd) == 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
    }
}
