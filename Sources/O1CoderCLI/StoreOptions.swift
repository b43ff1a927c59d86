public import ArgumentParser
public import O1CoderCore
import RunStorage

/// `--store`: where runs live. Shared by search, export, report and runs.
struct StoreOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("SQLite run store (created if missing).", valueName: "path"))
    var store: String = "o1coder-runs/runs.sqlite"

    func open() throws -> RunStore { try RunStore(path: store) }

    /// The run with `id`, or a clear error.
    func run(_ id: RunID, in store: RunStore) throws -> RunRecord {
        guard let run = try store.run(id) else { throw RunStoreError.unknownRun(id) }
        return run
    }
}

extension RunID: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = Int64(argument) else { return nil }
        self.init(value)
    }
}
