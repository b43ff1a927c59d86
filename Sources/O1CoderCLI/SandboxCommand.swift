public import ArgumentParser
public import Execution
import Foundation
import Logging
import O1CoderCore

/// `o1coder sandbox …`: inspect and benchmark the execution sandbox.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox", abstract: "Inspect and benchmark the execution sandbox.",
        subcommands: [Info.self, Bench.self])

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the isolation level in force and the default limits.")

        @Option(help: "Warm workers (default: one per core).") var workers: Int?

        func run() async throws {
            try await ProcessSandbox.with(configuration: SandboxConfiguration(workers: workers), logger: Logger(label: "o1coder.sandbox")) {
                for line in $0.report { print(line) }
            }
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run programs from a JSONL file ({\"program\": …} per line) and print throughput as JSON.")

        @Option(help: "JSONL file of {\"program\": \"…\"} lines.") var programs: String
        @Option(help: "Concurrent workers (default: one per core).") var workers: Int?
        @Option(help: "Run the whole file this many times.") var `repeat`: Int = 1
        @Option(help: "Weakest isolation accepted.") var minimumIsolation: IsolationLevel = .minimal

        func run() async throws {
            let sources = SandboxBenchmark.programs(jsonl: try String(contentsOfFile: programs, encoding: .utf8))
            guard !sources.isEmpty else { throw ValidationError("No {\"program\": …} lines in \(programs).") }
            var logger = Logger(label: "o1coder.sandbox")
            logger.logLevel = .warning
            let configuration = SandboxConfiguration(workers: workers, minimumIsolation: minimumIsolation)
            let json = try await ProcessSandbox.with(configuration: configuration, logger: logger) { sandbox in
                try await SandboxBenchmark(sandbox: sandbox).run(sources, repetitions: self.repeat)
            }
            print(json)
        }
    }
}

extension IsolationLevel: ExpressibleByArgument {}
