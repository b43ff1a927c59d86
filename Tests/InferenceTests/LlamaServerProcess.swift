import Foundation
import O1CoderTestSupport
import ChildProcesses
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
struct LlamaServerProcess: Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let baseURL: URL
    let process: TrustedProcess.Running
    let logPath: String

    /// Starts a server, runs `body` with it, and stops it whatever happens.
    static func withLlamaServer<T: Sendable>(
        extraArguments: [String] = ["--embeddings", "--pooling", "mean"], _ body: (LlamaServerProcess) async throws -> T
    ) async throws -> T {
        guard let binary = TestEnvironment.llamaServerPath else {
            throw StartError(description: "llama-server not found in \(TestEnvironment.llamaServerCandidates)")
        }
        var lastError = StartError(description: "llama-server did not start")
        for _ in 0..<3 {  // a port taken between probing and binding: try another
            let port = try freePort()
            let logPath = NSTemporaryDirectory() + "llama-server-\(port)-\(UUID().uuidString).log"
            defer { try? FileManager.default.removeItem(atPath: logPath) }
            let arguments = [
                "-m", TestEnvironment.testModelPath, "--host", "127.0.0.1", "--port", "\(port)", "-t", "1", "-c", "2048", "--no-webui",
            ] + extraArguments
            // SIGKILL at the end (withRunning's), not SIGTERM: llama-server's graceful shutdown waits
            // for idle keep-alive connections (URLSession keeps them open), and a fixture has nothing to save.
            let (attempt, _) = try await TrustedProcess.withRunning(binary, arguments, log: logPath) { process -> Result<T, StartError> in
                let server = LlamaServerProcess(baseURL: URL(string: "http://127.0.0.1:\(port)")!, process: process, logPath: logPath)
                guard try await server.waitUntilHealthy() else {
                    let tail = (try? String(contentsOfFile: logPath, encoding: .utf8))?.suffix(1500) ?? ""
                    return .failure(StartError(description: "llama-server did not become healthy on port \(port): \(tail)"))
                }
                return .success(try await body(server))
            }
            switch attempt {
            case .success(let value): return value
            case .failure(let error): lastError = error
            }
        }
        throw lastError
    }

    /// Polls `GET /health` until `{"status":"ok"}`, the process exits, or 60 s pass (a bounded
    /// readiness wait for an external process; nothing else in the tests polls).
    private func waitUntilHealthy() async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        let url = baseURL.appendingPathComponent("health")
        while ContinuousClock.now < deadline {
            guard !process.hasExited else { return false }
            if let (data, response) = try? await URLSession.shared.data(from: url),
               (response as? HTTPURLResponse)?.statusCode == 200,
               String(decoding: data, as: UTF8.self).contains("ok") {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Kills the server now (a test of a server dying mid-run); it is reaped when the
    /// `withLlamaServer` body ends.
    func stop() {
        process.kill()
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
