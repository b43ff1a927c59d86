internal import Foundation
import Synchronization

/// A place for one warm worker, with its own dedicated thread (see ``SerialThread`` for why not a
/// dispatch queue) so that blocking pipe I/O never runs on Swift's cooperative pool. Respawns its
/// worker after a failure.
///
/// `@unchecked Sendable`: `worker` is only touched on `thread`.
final class WorkerSlot: @unchecked Sendable {
    /// How long a fresh worker may take to say it is ready.
    static let startTimeout: Duration = .seconds(30)

    let index: Int
    private let launch: WorkerLaunch
    private let log: URL?
    /// The slot's cgroup, which every worker it starts joins (nil: none in force).
    let cgroup: WorkerCgroup?
    private let thread: SerialThread
    private var worker: WorkerProcess? {
        didSet { currentPID.store(worker?.processIdentifier ?? 0, ordering: .relaxed) }
    }
    private let currentPID = Atomic<Int32>(0)

    init(index: Int, launch: WorkerLaunch, log: URL?, cgroup: WorkerCgroup? = nil) {
        self.index = index
        self.launch = launch
        self.log = log
        self.cgroup = cgroup
        self.thread = SerialThread(name: "o1coder.sandbox.worker.\(index)")
    }

    deinit {
        thread.stop()
    }

    /// Starts the worker (blocking; call on the slot's thread) and returns its
    /// ready line.
    func startBlocking() throws(SandboxError) -> WorkerReady {
        worker?.kill()
        worker = nil
        let process: WorkerProcess
        do {
            process = try WorkerProcess(launch: launch, log: log)
        } catch {
            throw .unavailable("cannot start the worker \(launch.executable): \(error)")
        }

        switch process.readLine(deadline: .now + Self.startTimeout) {
        case .line(let data):
            guard let ready = try? JSONDecoder().decode(WorkerReady.self, from: data), ready.ready else {
                process.kill()
                throw .unavailable("the worker's first line was not a ready message: \(String(decoding: data.prefix(300), as: UTF8.self))")
            }
            // Ready and idle: its process tree (bwrap, the Python fork server) is complete and no
            // request has run, so moving the whole tree puts everything it will ever fork inside.
            if let cgroup, let failure = cgroup.add(tree: process.processIdentifier) {
                process.kill()
                throw .unavailable("cannot put the worker in its cgroup: \(failure)")
            }
            worker = process
            return ready
        case .timedOut:
            process.kill()
            throw .unavailable("the worker did not become ready within \(Self.startTimeout)")
        case .endOfFile:
            process.kill()
            let detail = log.flatMap { try? String(contentsOf: $0, encoding: .utf8) }.map { String($0.suffix(500)) } ?? ""
            throw .unavailable("the worker exited while starting. \(detail)")
        }
    }

    func start() async throws(SandboxError) -> WorkerReady {
        let result: Result<WorkerReady, SandboxError> = await withCheckedContinuation { continuation in
            thread.async {
                do throws(SandboxError) {
                    continuation.resume(returning: .success(try self.startBlocking()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// Sends one request and waits for its response line until `timeout` has passed. On a dead or
    /// hung worker, kills it, starts a fresh one and returns the failure.
    func execute(_ request: Data, timeout: Duration) async -> Result<Data, WorkerFailure> {
        await withCheckedContinuation { continuation in
            thread.async {
                continuation.resume(returning: self.executeBlocking(request, timeout: timeout))
            }
        }
    }

    private func executeBlocking(_ request: Data, timeout: Duration) -> Result<Data, WorkerFailure> {
        if worker == nil {
            do {
                _ = try startBlocking()
            } catch {
                return .failure(.startFailed(error.description))
            }
        }
        guard let process = worker else { return .failure(.startFailed("no worker")) }
        let failure: WorkerFailure
        if !process.send(request) {
            failure = .died("the worker's request pipe is closed")
        } else {
            switch process.readLine(deadline: .now + timeout) {
            case .line(let line): return .success(line)
            case .timedOut: failure = .hung(timeout)
            case .endOfFile: failure = .died("the worker exited")
            }
        }
        process.kill()
        worker = nil
        _ = try? startBlocking()
        return .failure(failure)
    }

    /// The pid of the current worker process (for tests that kill it from outside).
    func currentProcessIdentifier() -> Int32? {
        let pid = currentPID.load(ordering: .relaxed)
        return pid > 0 ? pid : nil
    }

    /// Kills the worker now, from any thread (deinit, shutdown).
    func terminate() {
        thread.sync {
            self.worker?.kill()
            self.worker = nil
        }
    }
}

/// Why a request got no answer.
enum WorkerFailure: Error, CustomStringConvertible, Sendable {
    case startFailed(String)
    case died(String)
    case hung(Duration)

    var description: String {
        switch self {
        case .startFailed(let reason): "the sandbox worker could not be started: \(reason)"
        case .died(let reason): "the sandbox worker died: \(reason)"
        case .hung(let timeout): "the sandbox worker did not answer within \(timeout) and was killed"
        }
    }
}
