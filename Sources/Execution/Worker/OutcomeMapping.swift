import O1CoderCore

/// Pure translation of worker responses into `ExecutionOutcome` and `ProgramReport` values.
enum OutcomeMapping {

    /// Why the sandboxed process stopped, when it did not simply finish.
    enum Stop: Equatable {
        case finished(code: Int32)
        case cpuTimeout
        case wallTimeout
        case memoryLimit
        case outputLimit
        case signaled(Int32)
    }

    /// The supervisor (worker.py) tells CPU exhaustion and OOM kills from the process's rusage, so
    /// an exit status or a signal alone never decides a limit: a program that exits with 152 or
    /// kills itself with SIGKILL is read as exactly that.
    static func stop(of response: WorkerResponse, limits: ExecutionLimits) -> Stop {
        let records = response.records ?? []
        if response.wallTimeout == true { return .wallTimeout }
        if response.cpuExceeded == true { return .cpuTimeout }
        if let signal = response.signal {
            return response.memoryExceeded == true ? .memoryLimit : .signaled(signal)
        }
        let code = response.code ?? 0
        if records.contains(where: { $0.limit == "memory_limit" }) { return .memoryLimit }
        if records.contains(where: { $0.limit == "output_limit" }) { return .outputLimit }
        if response.stdoutTruncated == true || response.stderrTruncated == true, code != 0 { return .outputLimit }
        return .finished(code: code)
    }

    static func outcome(of response: WorkerResponse, limits: ExecutionLimits) -> ExecutionOutcome {
        guard response.ok else {
            return sandboxErrorOutcome(response.error ?? "the worker failed")
        }
        let termination: ExecutionOutcome.Termination =
            switch stop(of: response, limits: limits) {
            case .finished(let code): .exited(code: code)
            case .cpuTimeout: .cpuTimeout
            case .wallTimeout: .wallTimeout
            case .memoryLimit: .memoryLimit
            case .outputLimit: .outputLimit
            case .signaled(let signal): .signaled(signal: signal)
            }
        return ExecutionOutcome(
            termination: termination, stdout: response.stdout ?? "", stderr: response.stderr ?? "",
            stdoutTruncated: response.stdoutTruncated ?? false, stderrTruncated: response.stderrTruncated ?? false,
            elapsedSeconds: response.elapsedSeconds ?? 0)
    }

    static func sandboxErrorOutcome(_ message: String, elapsedSeconds: Double = 0) -> ExecutionOutcome {
        ExecutionOutcome(termination: .sandboxError(message), stdout: "", stderr: "", elapsedSeconds: elapsedSeconds)
    }

    static func sandboxErrorReport(_ message: String, testCount: Int, elapsedSeconds: Double = 0) -> ProgramReport {
        ProgramReport(
            verdict: .sandboxError(message: message),
            tests: (0..<testCount).map { TestResult(index: $0, status: .sandboxError, message: message) },
            elapsedSeconds: elapsedSeconds)
    }

    static func report(of response: WorkerResponse, testCount: Int, limits: ExecutionLimits) -> ProgramReport {
        guard response.ok else {
            return sandboxErrorReport(response.error ?? "the worker failed", testCount: testCount)
        }
        let elapsed = response.elapsedSeconds ?? 0
        let stdoutTail = String((response.stdout ?? "").suffix(2000))
        let stderrTail = String((response.stderr ?? "").suffix(2000))
        let records = response.records ?? []
        let dropped = droppedLines(records)
        if let load = records.first(where: { $0.load != nil }), let kind = load.load {
            // Only a program that does not compile is a compile error; one that raises while
            // its module runs (a model's own top-level test) is a runtime error.
            let status = TestStatus(rawValue: kind) ?? .runtimeError
            let verdict: Verdict =
                switch status {
                case .memoryLimit: .memoryLimit
                case .outputLimit: .outputLimit
                case .compileError: .compileError(message: load.message)
                default: .runtimeError(message: load.message)
                }
            let tests = (0..<testCount).map { TestResult(index: $0, status: status, message: load.message) }
            return ProgramReport(
                verdict: verdict, tests: tests, elapsedSeconds: elapsed, stdoutTail: stdoutTail, stderrTail: stderrTail,
                droppedLines: dropped)
        }
        var results = [TestResult?](repeating: nil, count: testCount)
        for record in records {
            guard let index = record.i, results.indices.contains(index), results[index] == nil,
                let raw = record.status, let status = TestStatus(rawValue: raw)
            else { continue }
            results[index] = TestResult(index: index, status: status, message: record.message)
        }
        let stop = stop(of: response, limits: limits)
        let cause = causeStatus(stop, stderrTail: stderrTail)
        var tests: [TestResult] = []
        var blamed = false
        for index in 0..<testCount {
            if let result = results[index] {
                tests.append(result)
            } else if !blamed {
                blamed = true
                tests.append(TestResult(index: index, status: cause.status, message: cause.message))
            } else {
                tests.append(TestResult(index: index, status: .notRun))
            }
        }
        return ProgramReport(
            verdict: verdict(of: tests), tests: tests, elapsedSeconds: elapsed, stdoutTail: stdoutTail,
            stderrTail: stderrTail, droppedLines: dropped)
    }

    /// The line ranges the sanitizer blanked, from its record (malformed ranges are skipped).
    static func droppedLines(_ records: [WorkerResponse.Record]) -> [ClosedRange<Int>] {
        guard let ranges = records.first(where: { $0.sanitized != nil })?.sanitized else { return [] }
        return ranges.compactMap { pair in
            guard pair.count == 2, pair[0] >= 1, pair[0] <= pair[1] else { return nil }
            return pair[0]...pair[1]
        }
    }

    /// The status of the first test without a result: what stopped the execution.
    static func causeStatus(_ stop: Stop, stderrTail: String) -> (status: TestStatus, message: String?) {
        switch stop {
        case .cpuTimeout: (.timeout, "CPU time limit exceeded")
        case .wallTimeout: (.timeout, "wall-clock limit exceeded")
        case .memoryLimit: (.memoryLimit, "memory limit exceeded")
        case .outputLimit: (.outputLimit, "output limit exceeded")
        case .signaled(let signal): (.runtimeError, "killed by signal \(signal)")
        case .finished(let code):
            (.runtimeError, "the program ended the harness (exit code \(code))\(stderrTail.isEmpty ? "" : ": " + String(stderrTail.suffix(500)))")
        }
    }

    /// The first non-passing test decides.
    static func verdict(of tests: [TestResult]) -> Verdict {
        guard let first = tests.first(where: { $0.status != .passed }) else { return .passed }
        switch first.status {
        case .passed: return .passed
        case .failed: return .failed(test: first.index, message: first.message)
        case .timeout, .notRun: return .timeout(test: first.index)
        case .memoryLimit: return .memoryLimit
        case .outputLimit: return .outputLimit
        case .runtimeError: return .runtimeError(message: first.message)
        case .compileError: return .compileError(message: first.message)
        case .sandboxError: return .sandboxError(message: first.message ?? "sandbox error")
        }
    }
}
