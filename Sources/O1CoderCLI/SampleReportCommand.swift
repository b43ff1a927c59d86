import ArgumentParser
import CommandOptions
import Foundation
import O1CoderCore
import Sampling

/// `o1coder sample-report`: the paper's Table 1 from sampling run directories.
struct SampleReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-report",
        abstract: "Table 1 (model × {vanilla, pseudocode} × {Pass@1, ASPR}) from `o1coder sample` runs.",
        discussion: """
            Reads each directory's run.json and problems.jsonl (partial runs count with the problems they \
            finished) and writes table1.md and table1.json into --out; prints the Markdown.
            Example:
              o1coder sample-report runs/sample-mbpp-cot-aspr-m2-n2 runs/sample-mbpp-pseudocode-aspr-m2-n2
            """)

    @Argument(help: ArgumentHelp("Sampling run directories.", valueName: "dir")) var runs: [String]
    @Option(help: ArgumentHelp("Directory for table1.md and table1.json.", valueName: "dir")) var out: String = "bench/results"

    func validate() throws {
        guard !runs.isEmpty else { throw ValidationError("Give at least one run directory.") }
    }

    func run() throws {
        for run in runs { try UsageErrors.requireExisting(run, "run directory") }
        let loaded = try runs.map { path -> Table1Run in
            let directory = RunDirectory(path: path)
            let manifest = try directory.readManifest()
            return Table1Run(directory: path, manifest: manifest, records: try directory.finishedProblems())
        }
        let table = Table1(runs: loaded)
        try OutputFile.write(table.markdown, to: out + "/table1.md")
        try OutputFile.write(try StandardError.jsonString(table) + "\n", to: out + "/table1.json")
        StandardError.write("wrote \(out)/table1.md and \(out)/table1.json")
        print(table.markdown, terminator: "")
    }
}
