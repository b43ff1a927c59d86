import Foundation
public import O1CoderCore

/// Reading TCG tests files (JSONL of ``TCGTestsRecord``, one line per problem). Writing is
/// ``Appender``'s: line by line, so a killed `tcg generate` keeps every finished problem.
public enum TCGTestsFile {
    /// The decoded records of a file and the lines that did not decode.
    public struct Contents: Sendable {
        public var records: [TCGTestsRecord]
        /// Lines that did not decode (a torn last line after a kill), 1-based.
        public var malformedLines: [Int]

        public init(records: [TCGTestsRecord], malformedLines: [Int] = []) {
            self.records = records
            self.malformedLines = malformedLines
        }

        /// The kept suites by problem (the last record of a problem wins).
        public var suites: [ProblemID: TestSuite] { byProblem.mapValues(\.suite) }

        /// The generated tests by problem (the last record of a problem wins, as on resume).
        public var byProblem: [ProblemID: GeneratedTests] {
            Dictionary(records.map { ($0.generated.problemID, $0.generated) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// The records of `path`; an absent file has none (a first `tcg generate` starts from it).
    public static func read(_ path: String) throws -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents(records: []) }
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

    /// The suites of `path` as search rewards.
    /// - Throws: ``TestGenerationError`` (a usage error) when the file is missing or has no record,
    ///   since a search rewarded by nothing would silently fall back to compile-only rewards.
    public static func suites(_ path: String) throws -> [ProblemID: TestSuite] {
        guard FileManager.default.fileExists(atPath: path) else { throw TestGenerationError(.testsFileMissing, path) }
        let contents = try read(path)
        guard !contents.records.isEmpty else { throw TestGenerationError(.testsFileEmpty, path) }
        return contents.suites
    }
}
