import Foundation
import Testing
import ChildProcesses

@testable import Datasets

/// Gzip files are decoded by zlib as they stream; these check it against the real /bin/gzip.
@Suite("Gzip streaming")
struct GzipStreamTests {
    /// `count` JSONL lines of varied, poorly compressible text (many 64 KiB chunks once packed).
    private func writeLines(_ count: Int, to path: String) throws -> [String] {
        var rng = SystemRandomNumberGenerator()
        let lines = (0..<count).map { i in "{\"i\": \(i), \"s\": \"\((0..<40).map { _ in String(rng.next() % 1_000_000) }.joined(separator: " "))\"}" }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return lines
    }

    private func readLines(_ path: String) throws -> [String] {
        var lines: [String] = []
        try JSONLReader(path: path).forEachLine { _, line in lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    @Test("A multi-megabyte file decodes to exactly the lines gzip packed")
    func large() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let lines = try writeLines(20_000, to: directory + "/big.jsonl")
        let gz = try await TestPaths.gzipped(directory + "/big.jsonl", into: directory)
        let packed = try FileManager.default.attributesOfItem(atPath: gz)[.size] as? Int ?? 0
        #expect(packed > 4 << 16)
        #expect(try readLines(gz) == lines)
    }

    @Test("Concatenated gzip members read as one stream, as gzip -dc reads them")
    func concatenatedMembers() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let first = try writeLines(3_000, to: directory + "/a.jsonl")
        let second = try writeLines(5, to: directory + "/b.jsonl")
        try await TrustedProcess.run(
            "/bin/sh", ["-c", "cd \"$0\" && /bin/gzip -c a.jsonl > ab.jsonl.gz && /bin/gzip -c b.jsonl >> ab.jsonl.gz", directory])
        #expect(try readLines(directory + "/ab.jsonl.gz") == first + second)
    }

    @Test("A truncated or corrupt gzip file is a decompression error naming the file")
    func truncated() async throws {
        let directory = try TestPaths.temporaryDirectory()
        _ = try writeLines(3_000, to: directory + "/c.jsonl")
        let gz = try await TestPaths.gzipped(directory + "/c.jsonl", into: directory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gz))
        for (name, damaged) in [("cut.jsonl.gz", bytes.prefix(bytes.count / 2)), ("flipped.jsonl.gz", flipped(bytes, at: bytes.count / 2))] {
            let path = directory + "/" + name
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: DatasetError.self) { try readLines(path) }
            #expect(error?.code == .decompressionFailed)
            #expect(error?.description.contains(name) == true)
        }
    }

    private func flipped(_ data: Data, at index: Int) -> Data {
        var copy = data
        copy[copy.startIndex + index] ^= 0xFF
        return copy
    }
}
