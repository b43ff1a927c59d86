import ArgumentParser
import Execution
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
            let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: workers))
            let limits = ExecutionLimits.default
            print("isolation: \(sandbox.isolation.rawValue)")
            print("cgroups: \(sandbox.cgroups)")
            print("workers: \(sandbox.configuration.workers)")
            print("python: \(sandbox.configuration.python)")
            print("limits: cpu \(limits.cpuSeconds) s, wall \(limits.wallSeconds) s, memory \(limits.memory), output \(limits.output), processes \(limits.processes), open files \(limits.openFiles)")
            await sandbox.shutdown()
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run programs from a JSONL file ({\"program\": …} per line) and print throughput as JSON.")

        @Option(help: "JSONL file of {\"program\": \"…\"} lines.") var programs: String
        @Option(help: "Concurrent workers (default: one per core).") var workers: Int?
        @Option(help: "Run the whole file this many times.") var `repeat`: Int = 1
        @Option(help: "Weakest isolation accepted: full, reduced or minimal.", transform: parseIsolation)
        var minimumIsolation: IsolationLevel = .minimal

        func run() async throws {
            let text = try String(contentsOfFile: programs, encoding: .utf8)
            let sources: [String] = text.split(separator: "\n").compactMap { line in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return object["program"] as? String
            }
            guard !sources.isEmpty else { throw ValidationError("No {\"program\": …} lines in \(programs).") }
            var logger = Logger(label: "o1coder.sandbox")
            logger.logLevel = .warning
            let sandbox = try await ProcessSandbox(
                configuration: SandboxConfiguration(workers: workers, minimumIsolation: minimumIsolation), logger: logger)
            let limits = ExecutionLimits(cpuSeconds: 3, wallSeconds: 9)
            // Per-execution overhead: `pass`, sequentially.
            var overheads: [Double] = []
            for _ in 0..<50 {
                let start = ContinuousClock.now
                _ = try await sandbox.run(ExecutionRequest(program: "pass", limits: limits))
                overheads.append(Self.seconds(ContinuousClock.now - start) * 1000)
            }
            overheads.sort()
            let jobs = Array(repeating: sources, count: max(1, self.repeat)).flatMap { $0 }
            let concurrency = sandbox.configuration.workers
            let start = ContinuousClock.now
            let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
                var next = 0
                var passed = 0
                for _ in 0..<min(concurrency, jobs.count) {
                    let program = jobs[next]
                    next += 1
                    group.addTask { try await sandbox.run(ExecutionRequest(program: program, limits: limits)).isSuccess }
                }
                while let ok = try await group.next() {
                    if ok { passed += 1 }
                    if next < jobs.count {
                        let program = jobs[next]
                        next += 1
                        group.addTask { try await sandbox.run(ExecutionRequest(program: program, limits: limits)).isSuccess }
                    }
                }
                return passed
            }
            let seconds = Self.seconds(ContinuousClock.now - start)
            await sandbox.shutdown()
            let result: [String: Any] = [
                "executions": jobs.count, "passed": passed, "seconds": seconds,
                "executions_per_second": Double(jobs.count) / seconds, "workers": concurrency,
                "isolation": sandbox.isolation.rawValue, "overhead_ms_median": overheads[overheads.count / 2],
            ]
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }

        static func seconds(_ duration: Duration) -> Double {
            let (whole, fraction) = duration.components
            return Double(whole) + Double(fraction) / 1e18
        }
    }
}

private func parseIsolation(_ text: String) throws -> IsolationLevel {
    guard let level = IsolationLevel(rawValue: text) else {
        throw ValidationError("Unknown isolation '\(text)'; use one of: full, reduced, minimal.")
    }
    return level
}
