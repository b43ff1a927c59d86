import Foundation
import O1CoderCore

extension TCGTestsFile {
    /// Appends records to a JSONL file, creating it (and its folder) when missing. Each line is
    /// fsynced before the next problem starts; a torn last line (a kill mid-write) is cut off
    /// when the file is opened, so the next record starts on its own line.
    public final class Appender {
        private let handle: FileHandle
        private let encoder = JSONCoding.encoder()

        /// - Throws: ``TestGenerationError`` when the file cannot be created.
        public init(path: String) throws {
            let url = URL(fileURLWithPath: path)
            try OutputFile.createParentDirectories(of: path)
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw TestGenerationError(.testsFileNotCreatable, path)
                }
            }
            handle = try FileHandle(forUpdating: url)
            let data = try handle.readToEnd() ?? Data()
            if let last = data.last, last != UInt8(ascii: "\n") {
                let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                try handle.truncate(atOffset: UInt64(keep))
            }
            try handle.seekToEnd()
        }

        /// Writes `record` as one line and flushes it to disk.
        public func append(_ record: some Encodable) throws {
            var line = try encoder.encode(record)
            line.append(UInt8(ascii: "\n"))
            try handle.write(contentsOf: line)
            try handle.synchronize()
        }

        deinit { try? handle.close() }
    }
}
