import Execution
import Synchronization

extension SandboxServer {
    /// Serves while `body` runs, handing it the bound port (with port 0, a free one), and stops
    /// the server on every path.
    public func whileServing<Result: Sendable>(_ body: (Int) async throws -> Result) async throws -> Result {
        let port = Mutex<Int?>(nil)
        let serving = Task { try await run { bound in port.withLock { $0 = bound } } }
        defer { serving.cancel() }
        // Binding takes milliseconds; the limit only catches a server that never binds. It is
        // generous because a loaded machine (the test suite on two cores) can starve the
        // cooperative pool that runs the server's start-up for tens of seconds.
        let deadline = ContinuousClock.now + .seconds(120)
        while port.withLock({ $0 }) == nil {
            guard ContinuousClock.now < deadline else { throw SandboxError.unavailable("the sandbox server did not start within 120 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
        let result = try await body(port.withLock { $0 }!)
        serving.cancel()
        _ = await serving.result
        return result
    }
}
