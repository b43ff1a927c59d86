import ArgumentParser
import Datasets
import Execution
import O1CoderCore
import Testing
import CommandOptions
@testable import O1CoderCLI

@Suite struct DatasetsCommandTests {
    @Test("datasets check parses dataset, path, splits and flags")
    func parses() throws {
        let command = try O1Coder.parseAsRoot([
            "datasets", "check", "--dataset", "mbpp", "--path", "mbpp.jsonl", "--split", "test", "validation",
            "--skip-malformed", "--challenge-tests", "--json",
        ])
        let check = try #require(command as? DatasetsCheckCommand)
        #expect(check.selection.dataset == .mbpp)
        #expect(check.selection.path == "mbpp.jsonl")
        let options = check.selection.selection().options
        #expect(options.mbppSplits == [.test, .validation])
        #expect(options.skipMalformed)
        #expect(options.includeChallengeTests)
        #expect(check.json)
    }

    @Test("--split is for MBPP only; --dataset defaults to HumanEval and --path to the dataset's usual place")
    func invalidAndDefaults() throws {
        #expect(throws: (any Error).self) {
            try O1Coder.parseAsRoot(["datasets", "check", "--dataset", "humaneval", "--path", "h", "--split", "test"])
        }
        #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(["datasets", "check", "--limit", "0"]) }
        let check = try #require(try O1Coder.parseAsRoot(["datasets", "check"]) as? DatasetsCheckCommand)
        #expect(check.selection.dataset == .humaneval)
        #expect(check.selection.path == nil)
    }
}
