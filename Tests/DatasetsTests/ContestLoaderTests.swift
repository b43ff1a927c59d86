import Foundation
import O1CoderCore
import Testing
@testable import Datasets

@Suite("LiveCodeBench and CodeContests loaders")
struct ContestLoaderTests {
    let loader = DatasetLoader()

    @Test("LiveCodeBench: public and compressed, pickled private tests; stdin and functional; dates and windows")
    func liveCodeBench() throws {
        let all = try loader.loadProblems(dataset: .livecodebench, path: TestPaths.fixture("livecodebench.jsonl")).problems
        #expect(all.map(\.id.rawValue) == ["lcb/abc001_a", "lcb/3001", "lcb/1900A"])
        let add = all[0]
        #expect(add.style == .standardIO && add.split == "2024-05-04")
        #expect(add.publicTests.cases == [.standardIO(input: "1 2\n", expectedOutput: "3\n")])
        #expect(add.hiddenTests.cases == [.standardIO(input: "3 4\n", expectedOutput: "7\n"), .standardIO(input: "10 -2\n", expectedOutput: "8\n")])
        let smallest = all[1]
        #expect(smallest.entryPoint == "smallest")
        #expect(smallest.prompt.contains("class Solution:"))
        #expect(smallest.tests.cases == [
            .call(arguments: "[[5, 4], 1]", expected: .json("[4]")), .call(arguments: "[[3, 1, 2], 2]", expected: .json("[1, 2]")),
        ])
        #expect(all[2].hiddenTests.cases.isEmpty)

        var window = LoadOptions()
        window.since = "2024-01-01"
        window.until = "2024-12-31"
        #expect(try loader.loadProblems(dataset: .livecodebench, path: TestPaths.fixture("livecodebench.jsonl"), options: window).problems.map(\.id.rawValue) == ["lcb/abc001_a"])
    }

    @Test("a pickle that is not one string is refused unread (a __reduce__ payload runs nothing), as are broken records")
    func liveCodeBenchBroken() throws {
        var options = LoadOptions()
        options.skipMalformed = true
        let result = try? loader.loadProblems(dataset: .livecodebench, path: TestPaths.fixture("livecodebench_broken.jsonl"), options: options)
        #expect(result == nil)  // every record is bad: the file yields no problem
        let reasons = try DatasetLoaderProbe.reasons(TestPaths.fixture("livecodebench_broken.jsonl")) { try LiveCodeBenchLoader.problem(from: $0) }
        #expect(reasons.count == 4)
        #expect(reasons[0].contains("refused unread") && reasons[0].contains(":1:"))
        #expect(reasons[1].contains("refused unread") && reasons[1].contains("not part of a pickled string"))
        #expect(reasons[2].contains("names no func_name"))
        #expect(reasons[3].contains("neither a JSON list nor base64"))
    }

    @Test("PickledString reads every protocol's pickled str and nothing else")
    func pickles() throws {
        // pickle.dumps("héllo", protocol=p) for p = 2, 4 (framed, short) and a 4-byte length.
        #expect(try PickledString.decode([0x80, 0x02, 0x58, 0x06, 0, 0, 0] + Array("héllo".utf8) + [0x71, 0x00, 0x2E]) == "héllo")
        #expect(try PickledString.decode([0x80, 0x04, 0x95, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x8C, 0x06] + Array("héllo".utf8) + [0x94, 0x2E]) == "héllo")
        #expect(throws: PickleRefusal.self) { try PickledString.decode([0x80, 0x02, 0x5D, 0x71, 0x00, 0x2E]) }  // a list
        #expect(throws: PickleRefusal.self) { try PickledString.decode([0x80, 0x02, 0x58, 0xFF, 0, 0, 0]) }  // truncated
        #expect(throws: PickleRefusal.self) { try PickledString.decode([0x8C, 0x01, 0x61, 0x2E, 0x2E]) }  // after STOP
    }

    @Test("zlib inflates zlib and gzip framing, and refuses corrupt data and bombs past the limit")
    func zlib() throws {
        let text = Array(String(repeating: "o1coder ", count: 1000).utf8)
        let zlibbed = try #require(Data(base64Encoded: "eJztxTERADAIBDArWKgmYP67+h8qpMmSnM7srdi2bdu2bdu2bdu2/fEPmOXxXw=="))
        let gzipped = try #require(Data(base64Encoded: "H4sIAAAAAAACA+3FMREAMAgEMCtYqCZg/rv6HyqkyZKczuyt2LZt27Zt27Zt27b98Q94e4yhQB8AAA=="))
        #expect(try Zlib.inflate(Array(zlibbed)) == text)
        #expect(try Zlib.inflate(Array(gzipped)) == text)
        #expect(throws: DatasetError.self) { try Zlib.inflate(Array(zlibbed), limit: 1000) }
        #expect(throws: DatasetError.self) { try Zlib.inflate(Array(zlibbed.prefix(10))) }
        #expect(throws: DatasetError.self) { try Zlib.inflate([0x78, 0x9C, 0xFF, 0xFF, 0xFF]) }
    }

    @Test("CodeContests: public tests shown, private and generated hidden, the Python 3 reference")
    func codeContests() throws {
        let problems = try loader.loadProblems(dataset: .codecontests, path: TestPaths.fixture("codecontests.jsonl")).problems
        #expect(problems.count == 2)
        let add = problems[0]
        #expect(add.id == "codecontests/0" && add.style == .standardIO && add.metadata["name"] == "1548_A. Add")
        #expect(add.publicTests.cases == [.standardIO(input: "1 2\n", expectedOutput: "3\n")])
        #expect(add.hiddenTests.cases.count == 3)
        #expect(add.referenceSolution?.hasPrefix("a, b = map(int") == true)
        #expect(problems[1].tests.cases.isEmpty && problems[1].referenceSolution == nil)
        let reasons = try DatasetLoaderProbe.reasons(TestPaths.fixture("codecontests_broken.jsonl")) { try CodeContestsLoader.problem(from: $0, index: 0) }
        #expect(reasons.count == 2)
        #expect(reasons[0].contains("1 inputs but 0 outputs") && reasons[1].contains("not a pair of strings"))
    }
}

/// Each record's error text from a loader's record function.
enum DatasetLoaderProbe {
    static func reasons(_ path: String, _ body: (DatasetRecord) throws -> Problem) throws -> [String] {
        var reasons: [String] = []
        _ = try JSONLReader(path: path).forEachRecord(skipMalformed: false) { record in
            do { _ = try body(record) } catch { reasons.append("\(error)") }
        }
        return reasons
    }
}
