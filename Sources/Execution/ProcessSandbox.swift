internal import Foundation
public import Logging
public import O1CoderCore
import Synchronization

/// The real sandbox: warm Python fork-server workers (one per core) under bubblewrap as uid 65534,
/// a fresh user and pid namespace per execution, rlimits and a seccomp filter. See
/// Python/worker.py for the per-execution process tree.
///
/// A worker that dies or hangs (no answer by the wall limit + 2 s) is killed and respawned; the
/// execution is retried once and otherwise reported as a sandbox error.
///
/// Tests compare canonical builtin copies of what the entry point returns, never the program's
/// own objects, and the harness checks itself for tampering (Python/harness.py, integrity.py).
/// Answers to function problems are sanitized first unless
/// `SandboxConfiguration.sanitizesFunctionPrograms` is off (Python/sanitize.py).
public final class ProcessSandbox: Sandbox {
    /// Extra time the Swift-side watchdog gives a worker beyond the execution's wall limit.
    static let watchdogGrace: Duration = .seconds(2)

    public let isolation: IsolationLevel
    /// Whether each worker runs in a cgroup bounding its executions' processes and memory.
    public let cgroups: CgroupReport
    public let configuration: SandboxConfiguration
    private let pool: WorkerPool
    private let resources: PythonResources
    private let logger: Logger
    private let nextID = Atomic<Int>(1)
    private let groups: [WorkerCgroup]
    /// Names each sandbox's cgroups apart from the others' in the same process.
    private static let instances = Atomic<Int>(0)

    public init(configuration: SandboxConfiguration = .init(), logger: Logger = Logger(label: "o1coder.sandbox")) async throws {
        signal(SIGPIPE, SIG_IGN)  // a dead worker's pipe must not kill us
        guard FileManager.default.isExecutableFile(atPath: configuration.python) else {
            throw SandboxError.unavailable("the Python interpreter \(configuration.python) does not exist; install python3-minimal")
        }
        let resources = try PythonResources.stage()
        do {
            let (level, launch, reasons) = try await Self.probe(configuration: configuration, resources: resources)
            if level < configuration.minimumIsolation {
                throw SandboxError.isolationUnavailable(
                    required: configuration.minimumIsolation, available: level, reason: reasons.joined(separator: "; "))
            }
            if level < .full {
                logger.warning(
                    "Sandbox isolation degraded to '\(level.rawValue)': \(reasons.joined(separator: "; ")). Untrusted code is less contained; install bubblewrap and python3-seccomp and enable user namespaces for full isolation.")
            }
            var (groups, report) = ([WorkerCgroup](), CgroupReport(
                version: nil, processes: configuration.cgroupProcesses, memory: configuration.cgroupMemory, reason: "off in the configuration"))
            if configuration.usesCgroups {
                (groups, report) = WorkerCgroup.create(
                    instance: Self.instances.wrappingAdd(1, ordering: .relaxed).oldValue, workers: configuration.workers,
                    processes: configuration.cgroupProcesses, memory: configuration.cgroupMemory)
            }
            let slots = (0..<configuration.workers).map { index in
                WorkerSlot(
                    index: index, launch: launch, log: resources.root.appendingPathComponent("worker-\(index).log"),
                    cgroup: groups.isEmpty ? nil : groups[index])
            }
            do {
                try await withThrowingTaskGroup(of: WorkerReady.self) { group in
                    for slot in slots { group.addTask { try await slot.start() } }
                    try await group.waitForAll()
                }
            } catch {
                WorkerPool(slots: slots).close()
                groups.forEach { $0.remove() }
                throw error
            }
            self.pool = WorkerPool(slots: slots)
            self.isolation = level
            self.groups = groups
            self.cgroups = report
        } catch {
            resources.remove()
            throw error
        }
        self.configuration = configuration
        self.resources = resources
        self.logger = logger
        logger.info("Sandbox ready: \(configuration.workers) workers, isolation \(isolation.rawValue), \(cgroups)")
    }

    deinit {
        pool.close()
        groups.forEach { $0.remove() }
        resources.remove()
    }

    /// Finds the strongest isolation that works here, by starting one worker of each level.
    private static func probe(
        configuration: SandboxConfiguration, resources: PythonResources
    ) async throws -> (IsolationLevel, WorkerLaunch, [String]) {
        var reasons: [String] = []
        let fileManager = FileManager.default
        let python = configuration.python
        if configuration.maximumIsolation >= .full {
            if !fileManager.isExecutableFile(atPath: WorkerLaunch.bwrap) {
                reasons.append("bubblewrap is not installed (\(WorkerLaunch.bwrap))")
            } else {
                let launch = WorkerLaunch.full(resources: resources.directory, python: python)
                let slot = WorkerSlot(index: -1, launch: launch, log: resources.root.appendingPathComponent("probe-full.log"))
                do {
                    let ready = try await slot.start()
                    slot.terminate()
                    if ready.userns, ready.seccomp { return (.full, launch, reasons) }
                    if !ready.userns { reasons.append("user namespaces are not available inside bubblewrap") }
                    if !ready.seccomp { reasons.append("the Python seccomp module is missing (python3-seccomp)") }
                } catch {
                    reasons.append("bubblewrap failed: \(error.description)")
                }
            }
        } else {
            reasons.append("isolation capped at '\(configuration.maximumIsolation.rawValue)' by the configuration")
        }
        if configuration.maximumIsolation >= .reduced {
            let launch = WorkerLaunch.reduced(resources: resources.directory, scratch: resources.scratch, python: python)
            if WorkerLaunch.isRoot, !fileManager.isExecutableFile(atPath: WorkerLaunch.setpriv) {
                reasons.append("setpriv is missing (util-linux)")
            } else {
                let slot = WorkerSlot(index: -1, launch: launch, log: resources.root.appendingPathComponent("probe-reduced.log"))
                do {
                    let ready = try await slot.start()
                    slot.terminate()
                    if ready.seccomp, ready.uid != 0 { return (.reduced, launch, reasons) }
                    reasons.append(ready.seccomp ? "cannot drop to an unprivileged uid" : "the Python seccomp module is missing (python3-seccomp)")
                } catch {
                    reasons.append("the unprivileged worker failed: \(error.description)")
                }
            }
        }
        return (.minimal, WorkerLaunch.minimal(resources: resources.directory, scratch: resources.scratch, python: python), reasons)
    }

    // MARK: Sandbox

    public func evaluate(program: String, suite: TestSuite, limits: ExecutionLimits) async throws -> ProgramReport {
        try await evaluate(program: program, suite: suite, entryPoint: nil, limits: limits)
    }

    public func evaluate(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) async throws -> ProgramReport {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let request = WorkerRequest(
            id: id, mode: .evaluate, program: program, stdin: "", suite: suite, entryPoint: entryPoint,
            sanitize: configuration.sanitizesFunctionPrograms && entryPoint != nil, limits: limits)
        switch try await perform(request, limits: limits) {
        case .success(let response):
            return OutcomeMapping.report(of: response, testCount: suite.count, limits: limits)
        case .failure(let failure):
            return OutcomeMapping.sandboxErrorReport(failure.description, testCount: suite.count)
        }
    }

    public func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let wire = WorkerRequest(id: id, mode: .run, program: request.program, stdin: request.stdin, suite: nil, entryPoint: nil, limits: request.limits)
        switch try await perform(wire, limits: request.limits) {
        case .success(let response):
            return OutcomeMapping.outcome(of: response, limits: request.limits)
        case .failure(let failure):
            return OutcomeMapping.sandboxErrorOutcome(failure.description)
        }
    }

    /// Stops the workers. Further calls throw `SandboxError.shutDown`.
    public func shutdown() async {
        pool.close()
        groups.forEach { $0.remove() }
    }

    /// The workers' cgroups, for tests.
    var groupsForTesting: [WorkerCgroup] { groups }

    /// Pids of the current worker processes (setpriv/bwrap outer pids), for tests and diagnostics.
    public func workerProcessIdentifiers() async -> [Int32] {
        var pids: [Int32] = []
        for slot in pool.slots {
            if let pid = slot.currentProcessIdentifier() { pids.append(pid) }
        }
        return pids
    }

    private func perform(_ request: WorkerRequest, limits: ExecutionLimits) async throws -> Result<WorkerResponse, WorkerFailure> {
        let line: Data
        do {
            line = try JSONCoding.encoder().encode(request)
        } catch {
            return .failure(.died("cannot encode the request: \(error)"))
        }
        let timeout = Duration.seconds(limits.wallSeconds) + Self.watchdogGrace
        var lastFailure = WorkerFailure.died("no attempt")
        let attempts = configuration.retries + 1
        for attempt in 1...attempts {
            let result = try await pool.withSlot { slot in await slot.execute(line, timeout: timeout) }
            switch result {
            case .success(let data):
                do {
                    let response = try JSONDecoder().decode(WorkerResponse.self, from: data)
                    if response.ok || attempt == attempts { return .success(response) }
                    lastFailure = .died(response.error ?? "worker error")
                } catch {
                    lastFailure = .died("unreadable response: \(error)")
                }
            case .failure(let failure):
                lastFailure = failure
            }
            logger.warning("Sandbox execution failed (attempt \(attempt) of \(attempts)): \(lastFailure.description)")
            try Task.checkCancellation()
        }
        return .failure(lastFailure)
    }
}
