public import Execution

extension RunCodeResponse {
    /// What SandboxFusion would answer for a Python run that ended as `outcome`. A run that
    /// exited is `Finished` with its code (`Success` only for 0); a CPU or wall time-out is
    /// `TimeLimitExceeded`; a memory or output overrun is a finished run killed as SandboxFusion's
    /// own limits kill it (code 137 and a message); a failure of the sandbox itself is a
    /// `SandboxError` (verl scores it as an API error, not as the program's fault).
    public init(outcome: ExecutionOutcome) {
        func finished(_ code: Int, _ message: String = "") -> RunCodeResponse {
            RunCodeResponse(
                status: code == 0 ? .success : .failed, message: message,
                runResult: CommandRunResult(
                    status: .finished, executionTime: outcome.elapsedSeconds, returnCode: code, stdout: outcome.stdout,
                    stderr: outcome.stderr))
        }
        switch outcome.termination {
        case .exited(let code):
            self = finished(Int(code))
        case .signaled(let signal):
            self = finished(128 + Int(signal), "killed by signal \(signal)")
        case .cpuTimeout, .wallTimeout:
            self = RunCodeResponse(
                status: .failed, message: outcome.termination == .cpuTimeout ? "CPU time limit exceeded" : "wall time limit exceeded",
                runResult: CommandRunResult(
                    status: .timeLimitExceeded, executionTime: outcome.elapsedSeconds, returnCode: nil,
                    stdout: outcome.stdout, stderr: outcome.stderr))
        case .memoryLimit:
            self = finished(137, "memory limit exceeded")
        case .outputLimit:
            self = finished(137, "output limit exceeded")
        case .sandboxError(let message):
            self = RunCodeResponse(status: .sandboxError, message: message)
        }
    }
}

extension ExecutionOutcome {
    /// How a run ended, read back from SandboxFusion's answer (the inverse of
    /// ``RunCodeResponse/init(outcome:)`` for the cases its answers can tell apart): a time-out
    /// is a CPU one when the message says so, else a wall one; code 137 with a limit's message
    /// is that limit; other codes above 128, or negative ones, are signals.
    public init(runCode response: RunCodeResponse) {
        guard response.status != .sandboxError, let run = response.runResult, run.status != .error else {
            let detail = response.runResult.map { " (run status \($0.status.rawValue): \($0.stderr.suffix(300)))" } ?? ""
            self.init(termination: .sandboxError("the server could not run the program: \(response.message)\(detail)"), stdout: "", stderr: "", elapsedSeconds: 0)
            return
        }
        let termination: Termination
        switch (run.status, run.returnCode) {
        case (.timeLimitExceeded, _):
            termination = response.message.lowercased().contains("cpu") ? .cpuTimeout : .wallTimeout
        case (_, 137?) where response.message == "memory limit exceeded":
            termination = .memoryLimit
        case (_, 137?) where response.message == "output limit exceeded":
            termination = .outputLimit
        case (_, let code?) where code > 128 && code < 256:
            termination = .signaled(signal: Int32(code - 128))
        case (_, let code?) where code < 0:
            termination = .signaled(signal: Int32(-code))
        case (_, let code):
            termination = .exited(code: Int32(code ?? 0))
        }
        self.init(termination: termination, stdout: run.stdout, stderr: run.stderr, elapsedSeconds: run.executionTime ?? 0)
    }
}
