internal import ChildProcesses
internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// One running Python worker: a ``ChildProcess`` (posix_spawn, never fork, never Foundation's
/// `Process`), spoken to over pipes with blocking writes and `poll`-bounded reads.
///
/// `@unchecked Sendable`: an instance is only ever used from its `WorkerSlot`'s serial queue.
final class WorkerProcess: @unchecked Sendable {
    enum ReadResult {
        case line(Data)
        case timedOut
        case endOfFile
    }

    private let child: ChildProcess
    private var buffer: [UInt8] = []
    private var requestFD: Int32 { child.inputFD }
    private var responseFD: Int32 { child.outputFD }

    var processIdentifier: Int32 { child.processIdentifier }

    init(launch: WorkerLaunch, log: URL?) throws {
        let stderrPath = log.flatMap { FileManager.default.createFile(atPath: $0.path, contents: nil) ? $0.path : nil }
        child = try ChildProcess(
            executable: launch.executable, arguments: launch.arguments, environment: launch.environment,
            error: stderrPath.map { .file($0, append: false) } ?? .null)
    }

    /// Writes one request line. False when the worker is gone.
    func send(_ line: Data) -> Bool {
        var data = line
        data.append(0x0A)
        return data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let written = write(requestFD, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Reads one line, waiting at most until `deadline`.
    func readLine(deadline: ContinuousClock.Instant) -> ReadResult {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero { return .timedOut }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var descriptor = pollfd(fd: responseFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfFile
            }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(responseFD, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .endOfFile
            }
            if count == 0 { return .endOfFile }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// SIGKILLs and reaps the worker; bubblewrap's --die-with-parent and the pid namespaces take
    /// every descendant with it.
    func kill() {
        child.kill()
    }
}
