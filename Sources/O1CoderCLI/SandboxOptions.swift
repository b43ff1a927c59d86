import ArgumentParser
import Execution
import O1CoderCore

/// Sandbox flags shared by commands that execute code; converts itself into library types.
struct SandboxOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Executions run in parallel (warm sandbox workers).", valueName: "n"))
    var workers: Int = 2

    @Option(help: ArgumentHelp("CPU-time limit per execution, in seconds.", valueName: "seconds"))
    var cpuSeconds: Double = 4

    @Option(help: ArgumentHelp("Address-space limit per execution, in MiB.", valueName: "MiB"))
    var memoryMB: Int = 1024

    @Flag(help: "Refuse to run unless full isolation (bubblewrap + namespaces + seccomp) is available.")
    var requireFullIsolation = false

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard cpuSeconds > 0 else { throw ValidationError("--cpu-seconds must be positive.") }
        guard memoryMB >= 16 else { throw ValidationError("--memory-mb must be at least 16.") }
    }

    /// The sandbox configuration these flags ask for.
    func configuration() -> SandboxConfiguration {
        SandboxConfiguration(workers: workers, minimumIsolation: requireFullIsolation ? .full : .minimal)
    }

    /// Per-execution limits these flags ask for.
    func limits() -> ExecutionLimits {
        ExecutionLimits(cpuSeconds: cpuSeconds, memory: .mebibytes(memoryMB))
    }
}
