public import Foundation
import O1CoderCore
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try OutputFile.write(Array(encoder.encode(job)), to: jobFile)
            try OutputFile.write("", to: log)
        } catch {
            throw TrainingError(.failed, "Could not write \(jobFile): \(error.localizedDescription)")
        }
    }

    private func launch(jobFile: String, log: String, onEvent: @escaping @Sendable (RunnerEvent) -> Void) async throws -> [RunnerEvent] {
        if Task.isCancelled { throw TrainingError(.interrupted, "Interrupted before \(jobFile) started.") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment.python)
        process.arguments = [environment.runner, jobFile]
        var env = ProcessInfo.processInfo.environment
        env["HF_HUB_OFFLINE"] = "1"
        env["HF_DATASETS_OFFLINE"] = "1"
        env["TOKENIZERS_PARALLELISM"] = "false"
        env["PYTHONUNBUFFERED"] = "1"
        process.environment = env
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: log)
        let (events, status) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<([RunnerEvent], Int32), any Error>) in
                // The pipe is drained on a thread of its own so the cooperative pool never blocks.
                let thread = Thread {
                    do {
                        try process.run()
                    } catch {
                        continuation.resume(
                            throwing: TrainingError(.environment, "Could not start \(environment.python): \(error). Run `make setup-train`."))
                        return
                    }
                    var events: [RunnerEvent] = []
                    var buffer = Data()
                    let handle = stdout.fileHandleForReading
                    while true {
                        let chunk = handle.availableData
                        if chunk.isEmpty { break }
                        buffer.append(chunk)
                        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                            buffer.removeSubrange(buffer.startIndex...newline)
                            if let event = RunnerEvent.decode(line) {
                                events.append(event)
                                onEvent(event)
                            }
                        }
                    }
                    process.waitUntilExit()
                    continuation.resume(returning: (events, process.terminationStatus))
                }
                thread.start()
            }
        } onCancel: {
            // kill(2) rather than Process.interrupt(), which does nothing here on Linux.
            let pid = process.processIdentifier
            if pid > 0 { kill(pid, SIGINT) }
        }
        for case .error(let kind, let message) in events {
            throw TrainingError(TrainingError.Kind(rawValue: kind) ?? .failed, message + " (runner log: \(log))")
        }
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
            throw TrainingError(.failed, "The training runner exited with status \(status). Last lines of \(log):\n\(tail)")
        }
        return events
    }
}
