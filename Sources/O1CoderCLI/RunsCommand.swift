import ArgumentParser
import O1CoderCore
import CodeSearch
import CommandOptions
import RunStorage

/// `o1coder runs list|show`: what a store holds (``StoredRunSummary``).
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs in a store, or show one.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per run: id, kind, status, model, dataset, problems.")
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            for record in try store.runs() { print(try StoredRunSummary(record, in: store).listLine) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A run's summary, or its resolved configuration with --config.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Run id.") var runID: RunID
        @Flag(help: "Print the run's resolved configuration (JSON) so it can be re-run exactly.") var config = false

        func run() throws {
            let store = try storeOptions.open()
            let record = try storeOptions.run(runID, in: store)
            guard !config else { return print(record.configuration) }
            for line in try StoredRunSummary(record, in: store).lines(store: store) { print(line) }
        }
    }
}
