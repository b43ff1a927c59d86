public import ArgumentParser
public import Execution
import Foundation
public import Logging
import O1CoderCore
public import Service

extension RemoteSandbox.API: ExpressibleByArgument {}

/// Sandbox flags shared by commands that execute code; converts itself into library types.
public struct SandboxOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(help: ArgumentHelp("Executions run in parallel (warm sandbox workers).", valueName: "n")) public var workers: Int = 2
    @Option(help: ArgumentHelp("CPU-time limit per execution, in seconds.", valueName: "seconds")) public var cpuSeconds: Double = 4
    @Option(help: ArgumentHelp("Address-space limit per execution, in MiB.", valueName: "MiB")) public var memoryMB: Int = 1024
    @Flag(help: "Refuse to run unless full isolation (bubblewrap + namespaces + seccomp) is available.")
    public var requireFullIsolation = false
    @Option(help: ArgumentHelp(
        "Run code on an `o1coder serve` server instead of local workers (token: $O1CODER_SANDBOX_TOKEN).",
        valueName: "url"))
    public var sandbox: String?
    @Option(help: ArgumentHelp(
        "The --sandbox server's API: o1coder (serve) or sandboxfusion (/run_code); found out from /health when not given.",
        valueName: "api"))
    public var sandboxAPI: RemoteSandbox.API?

    public func validate() throws {
        if sandboxAPI != nil, sandbox == nil { throw ValidationError("--sandbox-api needs --sandbox URL.") }
        if let sandbox {
            guard ServerAddress.url(sandbox) != nil else {
                throw ValidationError("--sandbox must be an http(s) URL such as http://127.0.0.1:8080, not '\(sandbox)'.")
            }
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard cpuSeconds > 0 else { throw ValidationError("--cpu-seconds must be positive.") }
        guard memoryMB >= 16 else { throw ValidationError("--memory-mb must be at least 16.") }
    }

    /// The sandbox configuration these flags ask for.
    public func configuration() -> SandboxConfiguration {
        SandboxConfiguration(workers: workers, minimumIsolation: requireFullIsolation ? .full : .minimal)
    }

    /// Per-execution limits these flags ask for.
    public func limits() -> ExecutionLimits {
        ExecutionLimits(cpuSeconds: cpuSeconds, memory: .mebibytes(memoryMB))
    }

    /// Runs `body` with the sandbox these flags ask for (a server's with `--sandbox`, else local
    /// workers), shutting local workers down on every path.
    public func withSandbox<Result: Sendable>(logger: Logger, _ body: (any Sandbox) async throws -> Result) async throws -> Result {
        if let sandbox, let url = ServerAddress.url(sandbox) {
            let token = ServerAddress.secret("O1CODER_SANDBOX_TOKEN")
            return try await body(
                try await RemoteSandbox.connect(url: url, token: token, api: sandboxAPI, requiringFullIsolation: requireFullIsolation))
        }
        return try await ProcessSandbox.with(configuration: configuration(), logger: logger) { try await body($0) }
    }
}
