import ArgumentParser
import Testing
import CommandOptions
@testable import O1CoderCLI
import Inference
import Reasoning
import Sampling

@Suite struct SampleCommandTests {
    @Test("sample parses the ASPR protocol and derives the output directory")
    func parsesASPR() throws {
        let command = try SampleCommand.parse([
            "--dataset", "mbpp", "--split", "test", "--style", "pseudocode", "--prefixes", "2", "--completions", "3",
            "--limit", "20", "--seed", "7",
        ])
        let config = command.samplingConfiguration()
        #expect(config.samplingProtocol == .aspr(prefixes: 2, completions: 3))
        #expect(config.style == .pseudocode)
        #expect(config.sampling.seed == 7)
        #expect(command.outputDirectory == "runs/sample-mbpp-pseudocode-aspr-m2-n3")
    }

    @Test("sample without --prefixes samples -n independent answers")
    func parsesIndependent() throws {
        let command = try SampleCommand.parse(["--dataset", "mbpp", "--style", "cot", "-n", "5", "--out", "x"])
        #expect(command.samplingConfiguration().samplingProtocol == .independent(samples: 5))
        #expect(command.outputDirectory == "x")
    }

    @Test("direct style with several prefixes is a usage error")
    func rejectsDirectPrefixes() {
        #expect(throws: (any Error).self) {
            _ = try SampleCommand.parse(["--dataset", "mbpp", "--style", "direct", "--prefixes", "2"])
        }
    }

    @Test("sample-report needs run directories")
    func reportNeedsRuns() throws {
        #expect(throws: (any Error).self) { _ = try SampleReportCommand.parse([]) }
        let command = try SampleReportCommand.parse(["runs/a", "runs/b"])
        #expect(command.runs == ["runs/a", "runs/b"] && command.out == "bench/results")
    }
}
