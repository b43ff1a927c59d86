import Foundation
import O1CoderTestSupport
import Testing
import Training

@Suite(.requires(.trainingEnvironment))
struct ParquetRowsTests {
    @Test("Rows go to .jsonl as they are, and to .parquet through the pinned pyarrow (a real parquet file, no temporary left)")
    func writeRows() async throws {
        let dir = NSTemporaryDirectory() + "o1coder-rows-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = "{\"data_source\": \"mbpp\", \"prompt\": \"p1\"}\n{\"data_source\": \"mbpp\", \"prompt\": \"p2\"}\n"
        try await TrainingEnvironment.writeRows(rows, to: dir + "/rows.jsonl")
        #expect(try String(contentsOfFile: dir + "/rows.jsonl", encoding: .utf8) == rows)

        try await TrainingEnvironment.writeRows(rows, to: dir + "/rows.parquet")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/rows.parquet"))
        #expect(bytes.prefix(4) == Data("PAR1".utf8) && bytes.suffix(4) == Data("PAR1".utf8))
        #expect(!FileManager.default.fileExists(atPath: dir + "/rows.parquet.jsonl.tmp"))
    }
}
