import ArgumentParser
import Datasets
import Evaluation
import Execution
import Foundation
import Logging
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

    @Flag(help: "Print the report as JSON instead of a summary.")
    var json = false

    func run() async throws {
        let loaded = try selection.loadFile()
        let sandbox = try await ProcessSandbox(
            configuration: sandboxOptions.configuration(), logger: Logger(label: "o1coder.sandbox"))
        let report: ReferenceCheckReport
        do {
            let problems = try await selection.completeTests(of: loaded, sandbox: sandbox, workers: sandboxOptions.workers)
            let check = ReferenceCheck(sandbox: sandbox, limits: sandboxOptions.limits(), workers: sandboxOptions.workers)
            report = try await check.run(problems, progress: StandardError.progress)
        } catch {
            await sandbox.shutdown()
            throw error
        }
        await sandbox.shutdown()
        if json {
            print(try StandardError.jsonString(report))
            return
        }
        print("\(selection.dataset.rawValue): \(report.passedCount)/\(report.checkedCount) reference solutions pass")
        if !report.skipped.isEmpty { print("skipped: \(report.skipped.count) (no reference solution or no tests)") }
        for failure in report.failures {
            let detail = failure.basePassed ? "base passed, plus \(failure.report.verdict.name)" : failure.report.verdict.name
            print("FAIL \(failure.id): \(detail)")
        }
    }
}
