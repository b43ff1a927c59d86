import CommandOptions
import Execution
import Logging
import Service

/// An `o1coder serve` of this process's own, on a free loopback port, for the length of `body`
/// (the rewards of `train grpo` when no --sandbox is given).
enum LocalRewardServer {
    static func with<Result: Sendable>(workers: Int, _ body: (String) async throws -> Result) async throws -> Result {
        var logger = CLILogger.make(verbose: false)
        logger.logLevel = .critical  // a stopped server logs its channels' cancellation as errors
        return try await ProcessSandbox.with(configuration: SandboxConfiguration(workers: workers), logger: logger) { sandbox in
            let server = SandboxServer(service: SandboxService(sandbox: sandbox, limits: ServiceLimits(maxConcurrency: workers)), port: 0, logger: logger)
            return try await server.whileServing { port in
                StandardError.write("[train] rewards from the sandbox at http://127.0.0.1:\(port) (isolation \(sandbox.isolation.rawValue))")
                return try await body("http://127.0.0.1:\(port)")
            }
        }
    }
}
