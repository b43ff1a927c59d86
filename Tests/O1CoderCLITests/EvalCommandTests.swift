import ArgumentParser
import Datasets
import Execution
import O1CoderCore
import Testing
import CommandOptions
@testable import O1CoderCLI

@Suite struct EvalCommandTests {
    @Test("eval parses dataset, samples, k list, plus and sandbox options")
    func parses() throws {
        let command = try O1Coder.parseAsRoot([
            "eval", "--dataset", "mbpp-plus", "--path", "m.jsonl.gz", "--samples", "s.jsonl", "--k", "10, 1",
            "--plus", "--workers", "3", "--cpu-seconds", "2.5", "--memory-mb", "512", "--require-full-isolation",
        ])
        let eval = try #require(command as? EvalCommand)
        #expect(eval.selection.dataset == .mbppPlus)
        #expect(try eval.ks == [1, 10])
        #expect(eval.plus)
        #expect(eval.sandboxOptions.configuration().workers == 3)
        #expect(eval.sandboxOptions.configuration().minimumIsolation == .full)
        #expect(eval.sandboxOptions.limits().cpuSeconds == 2.5)
        #expect(eval.sandboxOptions.limits().memory == .mebibytes(512))
    }

    @Test("--canonical replaces --samples; defaults")
    func canonical() throws {
        let eval = try #require(
            try O1Coder.parseAsRoot(["eval", "--dataset", "humaneval", "--path", "h.jsonl.gz", "--canonical"]) as? EvalCommand)
        #expect(eval.canonical)
        #expect(try eval.ks == [1, 10, 100])
        #expect(eval.sandboxOptions.configuration().minimumIsolation == .minimal)
    }

    @Test("Invalid combinations are usage errors", arguments: [
        ["eval", "--dataset", "humaneval", "--path", "h"],
        ["eval", "--dataset", "humaneval", "--path", "h", "--canonical", "--samples", "s"],
        ["eval", "--dataset", "humaneval", "--path", "h", "--canonical", "--plus"],
        ["eval", "--dataset", "humaneval", "--path", "h", "--canonical", "--k", "0"],
        ["eval", "--dataset", "humaneval", "--path", "h", "--canonical", "--k", "a"],
        ["eval", "--dataset", "nope", "--path", "h", "--canonical"],
        ["eval", "--dataset", "humaneval", "--path", "h", "--canonical", "--workers", "0"],
    ])
    func invalid(arguments: [String]) {
        #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(arguments) }
    }
}
