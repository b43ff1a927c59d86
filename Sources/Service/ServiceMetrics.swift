import O1CoderCore
/// Counters and latencies of a running server, for `GET /metrics` and the logs.
public actor ServiceMetrics {
    /// What `GET /metrics` answers.
    public struct Snapshot: Codable, Sendable, Hashable {
        public var uptimeSeconds: Double
        /// Requests answered, by endpoint (`run_code`, `evaluate`, `execute`).
        public var requests: [String: Int]
        /// Executions run (a batch request is one execution).
        public var executions: Int
        /// Verdicts of batch requests and statuses of `run_code` answers.
        public var verdicts: [String: Int]
        /// Requests refused: bad input (400/413), overload (503), unauthorised (401).
        public var rejected: [String: Int]
        public var inFlight: Int
        public var queued: Int
        /// Latency of executed requests, seconds, over the most recent ones.
        public var latency: Latency
    }

    public struct Latency: Codable, Sendable, Hashable {
        public var count: Int
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double
    }

    private let started = ContinuousClock.now
    private var requests: [String: Int] = [:]
    private var executions = 0
    private var verdicts: [String: Int] = [:]
    private var rejected: [String: Int] = [:]
    /// A ring of the most recent latencies (percentiles over a bounded window).
    private var recent: [Double] = []
    private var next = 0
    private let window: Int

    public init(window: Int = 8192) {
        self.window = max(1, window)
    }

    public func recordExecution(endpoint: String, outcome: String, seconds: Double) {
        requests[endpoint, default: 0] += 1
        executions += 1
        verdicts[outcome, default: 0] += 1
        if recent.count < window {
            recent.append(seconds)
        } else {
            recent[next] = seconds
            next = (next + 1) % window
        }
    }

    public func recordRejection(_ reason: String) {
        rejected[reason, default: 0] += 1
    }

    public func snapshot(inFlight: Int, queued: Int) -> Snapshot {
        let sorted = recent.sorted()
        func quantile(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(sorted.count - 1, max(0, rank))]
        }
        return Snapshot(
            uptimeSeconds: started.elapsedSeconds, requests: requests, executions: executions,
            verdicts: verdicts, rejected: rejected, inFlight: inFlight, queued: queued,
            latency: Latency(count: sorted.count, p50: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), max: sorted.last ?? 0))
    }
}
