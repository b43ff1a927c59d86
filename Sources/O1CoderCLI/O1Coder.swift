import ArgumentParser
import O1CoderCore

@main
struct O1Coder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "o1coder",
        abstract: "Self-play code reasoning: datasets, sandboxed evaluation, search and training data.",
        discussion: """
            Exit codes: 0 success (unsolved problems are results, not failures); 1 tool failure; \
            64 usage error; 130 interrupted.
            """,
        version: O1CoderVersion.string,
        subcommands: [
            DatasetsCommand.self,
            EvalCommand.self,
            SandboxCommand.self,
            ServeCommand.self,
            ModelsCommand.self,
            GenerateCommand.self,
            SampleCommand.self,
            SampleReportCommand.self,
            TCGCommand.self,
            SearchCommand.self,
            RunsCommand.self,
            ExportCommand.self,
            TrainCommand.self,
            SelfPlayCommand.self,
            ReportCommand.self,
            BenchInferenceCommand.self,
            BenchSearchCommand.self,
        ])
}

