import ArgumentParser
import Datasets
import Execution
import O1CoderCore
import Testing
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
        let options = check.selection.loadOptions()
        #expect(options.mbppSplits == [.test, .validation])
        #expect(options.skipMalformed)
        #expect(options.includeChallengeTests)
        #expect(check.json)
    }

    @Test("--split is for MBPP only; --dataset and --path are required")
    func invalid() {
        #expect(throws: (any Error).self) {
            try O1Coder.parseAsRoot(["datasets", "check", "--dataset", "humaneval", "--path", "h", "--split", "test"])
        }
        #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(["datasets", "check", "--path", "h"]) }
        #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(["datasets", "check", "--dataset", "taco"]) }
    }
}
