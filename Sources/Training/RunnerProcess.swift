import Foundation
import O1CoderCore
import Synchronization
import ChildProcesses
#if canImport(Glibc)
import Glibc
#endif

/// Launches training/runner.py on one job file and relays its JSON-line events. The runner's
/// stderr (library logs, tracebacks) goes to `log`. Cancelling the calling task sends SIGINT,
/// which the runner turns into an `interrupted` error after the trainer stops; its last
/// checkpoint stays, so the same job resumes.
public struct RunnerProcess: Sendable {
    public let environment: TrainingEnvironment

    public init(environment: TrainingEnvironment) {
        self.environment = environment
    }

    /// Runs `job` (written to `jobFile`) and returns every event; a runner `error` event, a crash
    /// or a missing interpreter is thrown as a ``TrainingError``.
    @discardableResult
    public func run<Job: Encodable>(
        _ job: Job, jobFile: String, log: String, onEvent: @escaping @Sendable (RunnerEvent) -> Void = { _ in }
    ) async throws -> [RunnerEvent] {
        try Self.write(job, jobFile: jobFile, log: log)
        return try await launch(jobFile: jobFile, log: log, onEvent: onEvent)
    }

    /// Synchronous on purpose: the typed-throws file write inside an async function crashed the
    /// Swift 6.3.1 optimiser (signal 11 while splitting the coroutine) in release builds.
    private static func write<Job: Encodable>(_ job: Job, jobFile: String, log: String) throws {
        let encoder = JSONCoding.encoder(.document)
        do {
            try OutputFile.write(Array(encoder.encode(job)), to: jobFile)
            try OutputFile.write("", to: log)
        } catch {
            throw TrainingError(.failed, "Could not write \(jobFile): \(error.localizedDescription)")
        }
    }

    private func launch(jobFile: String, log: String, onEvent: @escaping @Sendable (RunnerEvent) -> Void) async throws -> [RunnerEvent] {
        if Task.isCancelled { throw TrainingError(.interrupted, "Interrupted before \(jobFile) started.") }
        var env = ProcessInfo.processInfo.environment
        env["HF_HUB_OFFLINE"] = "1"
        env["HF_DATASETS_OFFLINE"] = "1"
        env["TOKENIZERS_PARALLELISM"] = "false"
        env["PYTHONUNBUFFERED"] = "1"
        let collected = EventLog()
        let status: Int32
        do {
            // Cancelling this task sends SIGINT: the runner saves a checkpoint, reports
            // `interrupted` and exits, which the grace period waits for.
            status = try await TrustedProcess.streamLines(
                environment.python, [environment.runner, jobFile], environment: env, errorLog: log, interrupt: SIGINT
            ) { line in
                guard let event = RunnerEvent.decode(line) else { return }
                collected.append(event)
                onEvent(event)
            }
        } catch {
            throw TrainingError(.environment, "Could not start \(environment.python): \(error.detail). Run `make setup-train`.")
        }
        let events = collected.events
        for case .error(let kind, let message) in events {
            throw TrainingError(TrainingError.Kind(rawValue: kind) ?? .failed, message + " (runner log: \(log))")
        }
        if status != 0 && Task.isCancelled {
            throw TrainingError(.interrupted, "Interrupted; the runner stopped with status \(status) (runner log: \(log)).")
        }
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
            throw TrainingError(.failed, "The training runner exited with status \(status). Last lines of \(log):\n\(tail)")
        }
        return events
    }
}

/// Events as the runner's lines arrive (on TrustedProcess's reading thread), read once it has ended.
private final class EventLog: Sendable {
    private let storage = Mutex<[RunnerEvent]>([])
    func append(_ event: RunnerEvent) { storage.withLock { $0.append(event) } }
    var events: [RunnerEvent] { storage.withLock { $0 } }
}
