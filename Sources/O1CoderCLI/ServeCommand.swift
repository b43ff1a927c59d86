import ArgumentParser
import CommandOptions
import Execution
import Foundation
import Logging
import O1CoderCore
import Service

/// `o1coder serve`: the sandbox over HTTP (SandboxFusion's `/run_code`, a batch `/evaluate`).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the sandbox over HTTP: SandboxFusion's /run_code, a batch /evaluate, /health, /metrics.",
        discussion: """
            Loopback by default. Any other --host needs a bearer token, read from the environment \
            variable named by --token-env. verl: set sandbox_fusion.url to http://HOST:PORT/run_code. \
            Other O1Coder commands run their code here with --sandbox http://HOST:PORT. SIGINT or \
            SIGTERM stops after the requests in flight.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port; the chosen one is printed).") var port = 8080
    @Option(help: ArgumentHelp("Environment variable holding the bearer token.", valueName: "NAME"))
    var tokenEnv = "O1CODER_SERVE_TOKEN"
    @Option(help: "Executions in flight at once (default: --workers).") var maxConcurrency: Int?
    @Option(help: "Requests allowed to wait; beyond this the server answers 503.") var maxQueue = 256
    @Option(help: ArgumentHelp("Largest request body, in MiB.", valueName: "MiB")) var maxBodyMiB = 16
    @Option(help: "Cap on any request's time limit, in seconds.") var maxSeconds: Double = 60
    @Option(help: ArgumentHelp("Cap on any request's memory limit, in MiB.", valueName: "MiB")) var maxMemoryMiB = 4096
    @Option(help: "Cap on tests in one /evaluate request.") var maxTests = 2000
    @OptionGroup var sandboxOptions: SandboxOptions
    @Flag(help: "Log every request on stderr.") var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535.") }
        guard maxBodyMiB >= 1, maxSeconds > 0, maxMemoryMiB >= 16, maxTests >= 1, maxQueue >= 0 else {
            throw ValidationError("--max-body-mib, --max-seconds, --max-memory-mib and --max-tests must be positive.")
        }
        guard sandboxOptions.sandbox == nil else { throw ValidationError("serve runs its own sandbox: drop --sandbox.") }
        if !SandboxServer.isLoopback(host), token == nil {
            throw ValidationError("--host \(host) is reachable from other machines: set a bearer token in $\(tokenEnv) first.")
        }
    }

    private var token: String? { ServerAddress.secret(tokenEnv) }

    func run() async throws {
        var logger = CLILogger.make(verbose: false)
        logger.logLevel = verbose ? .info : .warning
        let limits = ServiceLimits(
            maxConcurrency: maxConcurrency ?? sandboxOptions.workers, maxQueue: maxQueue, maxBodyBytes: maxBodyMiB << 20,
            maxSeconds: maxSeconds, maxMemory: .mebibytes(maxMemoryMiB), maxTests: maxTests, defaults: sandboxOptions.limits())
        try await ProcessSandbox.with(configuration: sandboxOptions.configuration(), logger: logger) { sandbox in
            let server = SandboxServer(
                service: SandboxService(sandbox: sandbox, limits: limits), host: host, port: port, token: token, logger: logger)
            let (host, workers, guarded) = (host, sandboxOptions.workers, token != nil)
            try await server.run(handlingSignals: true) { bound in
                // Unbuffered, so a supervisor reading the pipe learns the port at once.
                let line = "o1coder serve: listening on http://\(host):\(bound) (isolation \(sandbox.isolation.rawValue), \(sandbox.cgroups), \(workers) workers, token \(guarded ? "required" : "not required"))\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }
}
