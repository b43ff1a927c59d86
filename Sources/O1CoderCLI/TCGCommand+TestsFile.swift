import ArgumentParser
import Foundation
import O1CoderCore
import TestGeneration

/// One line of a TCG tests file (`tcg generate --out`): the ``GeneratedTests`` of one problem
/// (`problemID`, `mode`, `tests` as proposed, `suite` — the kept tests in our `TestCase`
/// representation, ready for the sandbox —, `report` with the generation counts, the raw
/// `completions`), plus the `model` and `seed` that produced it.
struct TCGTestsRecord: Codable, Sendable {
    var generated: GeneratedTests
    var model: String
    var seed: UInt64

    private enum ExtraKeys: String, CodingKey { case model, seed }

    init(generated: GeneratedTests, model: String, seed: UInt64) {
        self.generated = generated
        self.model = model
        self.seed = seed
    }

    init(from decoder: any Decoder) throws {
        generated = try GeneratedTests(from: decoder)
        let extra = try decoder.container(keyedBy: ExtraKeys.self)
        model = try extra.decodeIfPresent(String.self, forKey: .model) ?? ""
        seed = try extra.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
    }

    func encode(to encoder: any Encoder) throws {
        try generated.encode(to: encoder)
        var extra = encoder.container(keyedBy: ExtraKeys.self)
        try extra.encode(model, forKey: .model)
        try extra.encode(seed, forKey: .seed)
    }
}

/// Reading and appending TCG tests files. Appending is line by line, so a killed `tcg generate`
/// keeps every finished problem; a torn last line is cut off before the next append.
enum TCGTestsFile {
    struct Contents: Sendable {
        var records: [TCGTestsRecord]
        /// Lines that did not decode (a torn last line after a kill), 1-based.
        var malformedLines: [Int]

        /// The kept suites by problem (the last record of a problem wins).
        var suites: [ProblemID: TestSuite] {
            Dictionary(records.map { ($0.generated.problemID, $0.generated.suite) }, uniquingKeysWith: { _, last in last })
        }

        var byProblem: [ProblemID: GeneratedTests] {
            Dictionary(records.map { ($0.generated.problemID, $0.generated) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// The records of `path`; an absent file has none.
    static func read(_ path: String) throws -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents(records: [], malformedLines: []) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        var records: [TCGTestsRecord] = []
        var malformed: [Int] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            if let record = try? decoder.decode(TCGTestsRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                malformed.append(index + 1)
            }
        }
        return Contents(records: records, malformedLines: malformed)
    }

    /// The suites of `path` for the search, failing when the file is missing or has no record.
    static func suites(_ path: String) throws -> [ProblemID: TestSuite] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("Generated tests file '\(path)' not found. Create it with `o1coder tcg generate --out \(path)`.")
        }
        let contents = try read(path)
        guard !contents.records.isEmpty else {
            throw ValidationError("Generated tests file '\(path)' has no records (written by `o1coder tcg generate`).")
        }
        return contents.suites
    }

    /// Appends records to a JSONL file, creating it (and its folder) when missing.
    final class Appender {
        private let handle: FileHandle
        private let encoder: JSONEncoder

        init(path: String) throws {
            let url = URL(fileURLWithPath: path)
            try OutputFile.createParentDirectories(of: path)
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ValidationError("Cannot create '\(path)'. Check that its folder is writable.")
                }
            }
            handle = try FileHandle(forUpdating: url)
            // Cut a torn last line (a kill mid-write) so the next record starts on its own line.
            let data = try handle.readToEnd() ?? Data()
            if let last = data.last, last != UInt8(ascii: "\n") {
                let keep = data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                try handle.truncate(atOffset: UInt64(keep))
            }
            try handle.seekToEnd()
            encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }

        func append(_ record: some Encodable) throws {
            var line = try encoder.encode(record)
            line.append(UInt8(ascii: "\n"))
            try handle.write(contentsOf: line)
            try handle.synchronize()
        }

        deinit { try? handle.close() }
    }
}
