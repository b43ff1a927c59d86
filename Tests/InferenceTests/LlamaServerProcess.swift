import Foundation
import O1CoderTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real `llama-server` child process on 127.0.0.1 for integration tests.
///
/// Binary: `TestEnvironment.llamaServerPath` (what scripts/setup-llama.sh installs); model:
/// `TestEnvironment.testModelPath` (the registry's test model). Suites using it carry
/// `.requires(.llamaServer, .testModel)`. Use `withLlamaServer`, which always stops the server.
/// By default it serves embeddings too (`--embeddings --pooling mean`).
struct LlamaServerProcess {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let baseURL: URL
    let process: Process
    let logPath: String

    /// Starts a server, runs `body` with it, and stops it whatever happens.
    static func withLlamaServer<T>(
        extraArguments: [String] = ["--embeddings", "--pooling", "mean"], _ body: (LlamaServerProcess) async throws -> T
    ) async throws -> T {
        let server = try await start(extraArguments: extraArguments)
        do {
            let value = try await body(server)
            server.stop()
            return value
        } catch {
            server.stop()
            throw error
        }
    }

    static func start(extraArguments: [String]) async throws -> LlamaServerProcess {
        guard let binary = TestEnvironment.llamaServerPath else {
            throw StartError(description: "llama-server not found in \(TestEnvironment.llamaServerCandidates)")
        }
        let model = TestEnvironment.testModelPath
        var lastError = StartError(description: "llama-server did not start")
        for _ in 0..<3 {  // a port taken between probing and binding: try another
            let port = try freePort()
            let logPath = NSTemporaryDirectory() + "llama-server-\(port)-\(UUID().uuidString).log"
            FileManager.default.createFile(atPath: logPath, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "-m", model, "--host", "127.0.0.1", "--port", "\(port)", "-t", "1", "-c", "2048", "--no-webui",
            ] + extraArguments
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
            process.standardOutput = log
            process.standardError = log
            try process.run()
            let server = LlamaServerProcess(
                baseURL: URL(string: "http://127.0.0.1:\(port)")!, process: process, logPath: logPath)
            if try await server.waitUntilHealthy() { return server }
            server.stop()
            let tail = (try? String(contentsOfFile: logPath, encoding: .utf8))?.suffix(1500) ?? ""
            lastError = StartError(description: "llama-server did not become healthy on port \(port): \(tail)")
        }
        throw lastError
    }

    /// Polls `GET /health` until `{"status":"ok"}`, the process exits, or 60 s pass (a bounded
    /// readiness wait for an external process; nothing else in the tests polls).
    private func waitUntilHealthy() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        let url = baseURL.appendingPathComponent("health")
        while ContinuousClock.now < deadline {
            guard process.isRunning else { return false }
            if let (data, response) = try? await URLSession.shared.data(from: url),
               (response as? HTTPURLResponse)?.statusCode == 200,
               String(decoding: data, as: UTF8.self).contains("ok") {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    func stop() {
        if process.isRunning {
            // SIGKILL, not SIGTERM: llama-server's graceful shutdown waits for idle keep-alive
            // connections (URLSession keeps them open), and a test fixture has nothing to save.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    /// A port that was free a moment ago (bind port 0, read it back, close).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartError(description: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(descriptor, generic, length) == 0 else { return -1 }
                return getsockname(descriptor, generic, &length)
            }
        }
        guard bound == 0 else { throw StartError(description: "bind/getsockname failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
