import ArgumentParser
import CommandOptions
import Evaluation
import Execution
import O1CoderCore

/// `o1coder datasets …`: inspect and validate dataset files.
struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Inspect and validate dataset files.",
        subcommands: [DatasetsCheckCommand.self])
}

/// `o1coder datasets check`: runs every reference solution against its tests.
struct DatasetsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every reference solution against its tests and report failures.",
        discussion: """
            Example: o1coder datasets check --dataset mbpp --path ../shared/datasets/mbpp/mbpp.jsonl
            Exit code 0 even when some references fail (that is the result); 1 when the tool fails.
            """)

    @OptionGroup var selection: DatasetSelectionOptions
    @OptionGroup var sandboxOptions: SandboxOptions
    @Flag(help: "Print the report as JSON instead of a summary.") var json = false

    func run() async throws {
        let loaded = try selection.loadFile()
        let report = try await ProcessSandbox.with(configuration: sandboxOptions.configuration()) { sandbox in
            let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let check = ReferenceCheck(sandbox: sandbox, limits: sandboxOptions.limits(), workers: sandboxOptions.workers)
            return try await check.run(problems, progress: StandardError.progress)
        }
        guard !json else { return print(try StandardError.jsonString(report)) }
        for line in report.summaryLines(dataset: selection.dataset.rawValue) { print(line) }
    }
}
