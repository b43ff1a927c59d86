import O1CoderCore
import Foundation

/// `o1coder sandbox bench`: the per-execution overhead (50 sequential `pass` runs) and the
/// throughput of a batch of programs kept `workers` at a time in flight.
public struct SandboxBenchmark: Sendable {
    public var sandbox: ProcessSandbox
    public var limits = ExecutionLimits(cpuSeconds: 3, wallSeconds: 9)

    public init(sandbox: ProcessSandbox) {
        self.sandbox = sandbox
    }

    /// The `program` field of each JSONL line that has one (other lines are skipped).
    public static func programs(jsonl text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["program"] as? String
        }
    }

    /// Measures the overhead, then runs `programs` `repetitions` times over.
    /// - Returns: one JSON object (sorted keys): executions, passed, seconds, executions_per_second,
    ///   workers, isolation, overhead_ms_median.
    public func run(_ programs: [String], repetitions: Int) async throws -> String {
        var overheads: [Double] = []
        for _ in 0..<50 {
            let start = ContinuousClock.now
            _ = try await sandbox.run(ExecutionRequest(program: "pass", limits: limits))
            overheads.append((ContinuousClock.now - start) / .milliseconds(1))
        }
        overheads.sort()
        let jobs = Array(repeating: programs, count: max(1, repetitions)).flatMap { $0 }
        let workers = sandbox.configuration.workers
        let start = ContinuousClock.now
        let passed = try await passedCount(jobs, workers: workers)
        let seconds = start.elapsedSeconds
        let result: [String: Any] = [
            "executions": jobs.count, "passed": passed, "seconds": seconds,
            "executions_per_second": Double(jobs.count) / seconds, "workers": workers,
            "isolation": sandbox.isolation.rawValue, "overhead_ms_median": overheads[overheads.count / 2],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Runs `jobs`, adding one as each finishes so `workers` stay busy; how many succeeded.
    func passedCount(_ jobs: [String], workers: Int) async throws -> Int {
        let (sandbox, limits) = (self.sandbox, self.limits)
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            var next = jobs.makeIterator()
            for _ in 0..<min(workers, jobs.count) {
                guard let program = next.next() else { break }
                group.addTask { try await sandbox.run(ExecutionRequest(program: program, limits: limits)).isSuccess }
            }
            var passed = 0
            while let ok = try await group.next() {
                if ok { passed += 1 }
                if let program = next.next() {
                    group.addTask { try await sandbox.run(ExecutionRequest(program: program, limits: limits)).isSuccess }
                }
            }
            return passed
        }
    }
}
