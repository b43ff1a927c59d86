import Foundation
import O1CoderCore
import Testing
import TestGeneration

@Suite struct TCGTestsFileTests {
    static func record(_ id: String, cases: [TestCase]) throws -> TCGTestsRecord {
        // GeneratedTests has no public memberwise init: build one the way the file stores it.
        let json = """
            {"problemID": "\(id)", "mode": "inputs-only", "tests": [], "completions": ["x"],
             "suite": \(String(decoding: try JSONEncoder().encode(TestSuite(cases: cases)), as: UTF8.self)),
             "report": \(String(decoding: try JSONEncoder().encode(GenerationReport(problemID: ProblemID(id), mode: .inputsOnly)), as: UTF8.self)),
             "model": "m", "seed": 7}
            """
        return try JSONDecoder().decode(TCGTestsRecord.self, from: Data(json.utf8))
    }

    @Test("The tests file round-trips, resumes after a torn line and feeds the search")
    func testsFile() throws {
        let path = NSTemporaryDirectory() + "o1coder-tcg-\(UUID().uuidString)/tests.jsonl"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try Self.record("Mbpp/1", cases: [.call(arguments: "[1, 2]", expected: .pythonLiteral("3"))])
        #expect(first.model == "m")
        #expect(first.seed == 7)
        try TCGTestsFile.appending(to: path).append(first)
        // A kill in the middle of the next line leaves a torn line behind.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"problemID\": \"Mbpp/2\", \"mo".utf8))
        try handle.close()
        #expect(try TCGTestsFile.read(path).malformedLines == [2])

        try TCGTestsFile.appending(to: path).append(try Self.record("Mbpp/3", cases: []))
        let contents = try TCGTestsFile.read(path)
        #expect(contents.malformedLines.isEmpty)
        #expect(contents.records.map(\.generated.problemID) == ["Mbpp/1", "Mbpp/3"])
        #expect(contents.records.first?.generated.suite == first.generated.suite)
        let suites = try TCGTestsFile.suites(path)
        #expect(suites["Mbpp/1"]?.cases.count == 1)
        #expect(suites["Mbpp/3"]?.cases.isEmpty == true)
        #expect(throws: TestGenerationError(.testsFileMissing, path + ".missing")) { try TCGTestsFile.suites(path + ".missing") }
    }

    @Test("Generation totals add the reports up, parse failures included")
    func totals() {
        var a = GenerationReport(problemID: "a", mode: .inputsOnly)
        a.proposed = 5; a.parsed = 4; a.unparsable = 1; a.unparsableByReason = [.wrongArity: 1]
        a.rejectedByReference = 1; a.referenceCrashes = 1; a.kept = 3
        var b = GenerationReport(problemID: "b", mode: .full)
        b.proposed = 2; b.unparsable = 2; b.unparsableByReason = [.noTestBlocks: 1, .wrongArity: 1]
        let totals = TCGGenerationTotals([a, b])
        #expect(totals.problems == 2)
        #expect(totals.problemsWithTests == 1)
        #expect(totals.proposed == 7)
        #expect(totals.unparsable == 3)
        #expect(totals.unparsableByReason == ["wrong_arity": 2, "no_test_blocks": 1])
        #expect(totals.parseRate == 4.0 / 7.0)
        #expect(totals.byMode == ["inputs-only": 1, "full": 1])
    }
}
