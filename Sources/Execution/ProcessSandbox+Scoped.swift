public import Logging

extension ProcessSandbox {
    /// Starts a sandbox, runs `body` with it, and shuts it down on every path (return, throw,
    /// cancellation), so callers never repeat set-up and tear-down.
    public static func with<Result: Sendable>(
        configuration: SandboxConfiguration = .init(), logger: Logger = Logger(label: "o1coder.sandbox"),
        _ body: (ProcessSandbox) async throws -> Result
    ) async throws -> Result {
        let sandbox = try await ProcessSandbox(configuration: configuration, logger: logger)
        do {
            let result = try await body(sandbox)
            await sandbox.shutdown()
            return result
        } catch {
            await sandbox.shutdown()
            throw error
        }
    }
}
