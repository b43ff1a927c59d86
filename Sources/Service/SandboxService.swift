public import Execution
import O1CoderCore
import Foundation

/// The sandbox as a service, independent of HTTP: admission (at most `maxConcurrency`
/// executions, at most `maxQueue` waiting, the rest refused at once so a client backs off instead
/// of timing out), the server's caps on every request, and metrics. ``SandboxServer`` puts it on
/// the wire.
public struct SandboxService: Sendable {
    public let sandbox: any Sandbox
    public let limits: ServiceLimits
    public let metrics: ServiceMetrics
    private let admission: AsyncSemaphore

    public init(sandbox: any Sandbox, limits: ServiceLimits = .init()) {
        self.sandbox = sandbox
        self.limits = limits
        self.metrics = ServiceMetrics()
        self.admission = AsyncSemaphore(limit: limits.maxConcurrency)
    }

    /// Why a request was not executed.
    public enum Refusal: Error, Sendable, Hashable {
        /// The queue is full: retry later (503).
        case overloaded(queued: Int)
        case invalid(ServiceRequestError)
    }

    /// SandboxFusion's `/run_code`.
    public func runCode(_ request: RunCodeRequest) async throws -> RunCodeResponse {
        let language = request.language.lowercased()
        guard language == "python" || language == "python3" else {
            await metrics.recordRejection("language")
            return RunCodeResponse(status: .sandboxError, message: "language '\(request.language)' is not supported: this server runs python")
        }
        guard request.files.isEmpty, request.fetchFiles.isEmpty else {
            await metrics.recordRejection("files")
            return RunCodeResponse(status: .sandboxError, message: "'files' and 'fetch_files' are not supported: put the data in the program or in stdin")
        }
        let execution = ExecutionRequest(
            program: request.code, stdin: request.stdin,
            limits: limits.limits(runTimeout: request.runTimeout, memoryLimitMB: request.memoryLimitMB))
        let (outcome, seconds) = try await admitted { try await sandbox.run(execution) }
        let response = RunCodeResponse(outcome: outcome)
        await metrics.recordExecution(endpoint: "run_code", outcome: response.status.rawValue, seconds: seconds)
        return response
    }

    /// The batch endpoint: a program and all its tests in one execution.
    public func evaluate(_ request: EvaluateRequest) async throws -> EvaluateResponse {
        guard request.suite.cases.count <= limits.maxTests else {
            await metrics.recordRejection("invalid")
            throw Refusal.invalid(
                ServiceRequestError("\(request.suite.cases.count) tests in one request; this server takes at most \(limits.maxTests)", tooLarge: true))
        }
        let capped = limits.capped(request.limits)
        let (report, seconds) = try await admitted {
            try await sandbox.evaluate(program: request.program, suite: request.suite, entryPoint: request.entryPoint, limits: capped)
        }
        await metrics.recordExecution(endpoint: "evaluate", outcome: report.verdict.name, seconds: seconds)
        return EvaluateResponse(report: report)
    }

    /// A raw run with O1Coder's own request and outcome (what ``RemoteSandbox`` uses).
    public func execute(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        var copy = request
        copy.limits = limits.capped(request.limits)
        let capped = copy
        let (outcome, seconds) = try await admitted { try await sandbox.run(capped) }
        await metrics.recordExecution(endpoint: "execute", outcome: outcome.isSuccess ? "exited_0" : "other", seconds: seconds)
        return outcome
    }

    public func snapshot() async -> ServiceMetrics.Snapshot {
        await metrics.snapshot(inFlight: await admission.holding, queued: await admission.waiting)
    }

    /// Runs `body` once a slot is free, refusing at once when the queue is full.
    private func admitted<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> (T, Double) {
        let queued = await admission.waiting
        if await admission.holding >= limits.maxConcurrency, queued >= limits.maxQueue {
            await metrics.recordRejection("overloaded")
            throw Refusal.overloaded(queued: queued)
        }
        let start = ContinuousClock.now
        let value = try await admission.withPermit(body)
        return (value, start.elapsedSeconds)
    }
}
