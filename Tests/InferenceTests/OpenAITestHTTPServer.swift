import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny scripted HTTP/1.1 server on 127.0.0.1 for the retry and concurrency tests.
///
/// Each connection carries one request; the server answers with the next scripted response
/// (the last one repeats) and closes. It records request heads and the largest number of
/// requests it held at once. A response may be held for `holdFor` to simulate a slow server.
final class OpenAITestHTTPServer: Sendable {
    struct Response: Sendable {
        var status: Int
        var body: String
        var headers: [String: String] = [:]
        var holdFor: Duration = .zero
    }

    private struct State {
        var script: [Response]
        var requests: [String] = []
        var open = 0
        var peakOpen = 0
    }

    let port: Int
    private let listener: Int32
    private let state: Mutex<State>

    init(script: [Response]) throws {
        precondition(!script.isEmpty)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Int32 in
                guard bind(descriptor, generic, length) == 0, listen(descriptor, 64) == 0 else { return -1 }
                return getsockname(descriptor, generic, &length)
            }
        }
        guard descriptor >= 0, status == 0 else {
            close(descriptor)
            throw LlamaServerProcess.StartError(description: "test server could not listen")
        }
        self.listener = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.state = Mutex(State(script: script))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    var requestCount: Int { state.withLock { $0.requests.count } }
    var requests: [String] { state.withLock { $0.requests } }
    var peakConcurrentRequests: Int { state.withLock { $0.peakOpen } }

    /// Stops accepting; connections in progress finish.
    func shutdown() {
        Glibc.shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            Thread { [self] in handle(connection) }.start()
        }
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        guard let head = readRequest(connection) else { return }
        let response = state.withLock { state -> Response in
            state.open += 1
            state.peakOpen = max(state.peakOpen, state.open)
            state.requests.append(head)
            return state.script.count > 1 ? state.script.removeFirst() : state.script[0]
        }
        if response.holdFor > .zero {
            let (seconds, attoseconds) = response.holdFor.components
            usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        }
        state.withLock { $0.open -= 1 }
        var text = "HTTP/1.1 \(response.status) Scripted\r\nContent-Type: application/json\r\n"
        text += "Content-Length: \(response.body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + response.body
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return }
            sent += written
        }
    }

    /// Reads the head and a Content-Length body; returns the head (with the body appended).
    private func readRequest(_ connection: Int32) -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            received.append(contentsOf: buffer[0..<count])
            let text = String(decoding: received, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            let head = String(text[..<headEnd.lowerBound])
            let lengthLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            let length = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyBytes = received.count - text[..<headEnd.upperBound].utf8.count
            if bodyBytes >= length { return text }
        }
    }
}
