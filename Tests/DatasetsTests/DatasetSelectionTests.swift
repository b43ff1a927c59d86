import Datasets
import O1CoderCore
import Testing

@Suite struct DatasetSelectionTests {
    @Test("DATASET and mbpp:SPLIT parse; an unknown dataset or a split of another dataset is a selection error")
    func parsing() throws {
        let mbpp = try DatasetSelection(parsing: "mbpp:train", limit: 5)
        #expect(mbpp.dataset == .mbpp)
        #expect(mbpp.options.mbppSplits == [.train])
        #expect(mbpp.limit == 5)
        #expect(try DatasetSelection(parsing: "humaneval").options.mbppSplits == nil)
        #expect(throws: DatasetSelectionError.unknownDataset("nope:train")) { try DatasetSelection(parsing: "nope:train") }
        #expect(throws: DatasetSelectionError.unknownSplit("humaneval:train")) { try DatasetSelection(parsing: "humaneval:train") }
        #expect(throws: DatasetSelectionError.unknownSplit("mbpp:everything")) { try DatasetSelection(parsing: "mbpp:everything") }
    }

    @Test("Filters apply in order: splits, ids, verified rows, then the limit; each step is logged")
    func filters() throws {
        var log: [String] = []
        let mbpp = DatasetSelection(
            dataset: .mbpp, path: TestPaths.fixture("mbpp.jsonl"), options: LoadOptions(mbppSplits: [.test, .train]), limit: 1)
        #expect(try mbpp.load { log.append($0) }.problems.map(\.id.rawValue) == ["Mbpp/367"])
        #expect(log.last?.hasPrefix("loaded 1 mbpp problems (sha256 ") == true)

        // The limit applies after the verified filter: one verified row, not the first row.
        var taco = DatasetSelection(dataset: .taco, path: TestPaths.fixture("taco.jsonl"), verifiedOnly: true, limit: 1)
        log = []
        let verified = try taco.load { log.append($0) }.problems
        #expect(verified.count == 1 && verified.allSatisfy(\.hasVerifiedTests))
        #expect(log.contains("verified rows only: 2 → 1 problems"))
        taco.verifiedOnly = false
        taco.limit = nil
        taco.problemIDs = ["taco/1"]
        #expect(try taco.load { _ in }.problems.map(\.id.rawValue) == ["taco/1"])
    }

    @Test("Unknown problem ids name the file; a missing file is a DatasetError")
    func errors() throws {
        let path = TestPaths.fixture("mbpp.jsonl")
        let unknown = DatasetSelection(dataset: .mbpp, path: path, problemIDs: ["Mbpp/2", "Mbpp/9999"])
        #expect(throws: DatasetSelectionError.unknownProblems(["Mbpp/9999"], path: path)) { try unknown.load { _ in } }
        let missing = DatasetSelection(dataset: .mbpp, path: "/nonexistent/mbpp.jsonl")
        #expect(throws: DatasetError.self) { try missing.load { _ in } }
    }
}
