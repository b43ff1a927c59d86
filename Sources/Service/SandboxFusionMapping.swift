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
