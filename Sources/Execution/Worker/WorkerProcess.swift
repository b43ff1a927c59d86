internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// One running Python worker: spawned with Foundation `Process` (posix_spawn, never fork), spoken
/// to over pipes with blocking writes and `poll`-bounded reads.
///
/// `@unchecked Sendable`: an instance is only ever used from its `WorkerSlot`'s serial queue.
final class WorkerProcess: @unchecked Sendable {
    enum ReadResult {
        case line(Data)
        case timedOut
        case endOfFile
    }

    private let process: Process
    private let requestFD: Int32
    private let responseFD: Int32
    private let requestPipe: Pipe
    private let responsePipe: Pipe
    private var buffer: [UInt8] = []
    private var isKilled = false

    var processIdentifier: Int32 { process.processIdentifier }

    init(launch: WorkerLaunch, log: URL?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launch.executable)
        process.arguments = launch.arguments
        process.environment = launch.environment
        let requestPipe = Pipe()
        let responsePipe = Pipe()
        process.standardInput = requestPipe
        process.standardOutput = responsePipe
        if let log, FileManager.default.createFile(atPath: log.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: log)
        {
            process.standardError = handle
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        self.process = process
        self.requestPipe = requestPipe
        self.responsePipe = responsePipe
        self.requestFD = requestPipe.fileHandleForWriting.fileDescriptor
        self.responseFD = responsePipe.fileHandleForReading.fileDescriptor
    }

    deinit {
        kill()
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

    /// SIGKILLs the worker; bubblewrap's --die-with-parent and the pid namespaces take every
    /// descendant with it. Foundation reaps the process.
    func kill() {
        guard !isKilled else { return }
        isKilled = true
        let pid = process.processIdentifier
        if pid > 0, process.isRunning {
            _ = Glibc.kill(pid, SIGKILL)
        }
        try? requestPipe.fileHandleForWriting.close()
        try? responsePipe.fileHandleForReading.close()
    }
}
