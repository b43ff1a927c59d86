internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

extension TrustedProcess {
    /// Runs a long-lived helper (the training runner) and hands each stdout line, without its
    /// newline, to `onLine` as it arrives; stderr is appended to `errorLog`. Cancelling the
    /// calling task sends `interrupt` to the child and gives it `grace` to stop on its own (a
    /// trainer saving its checkpoint) before SIGKILL; the lines it prints meanwhile still arrive.
    /// - Returns: the exit status, or 128 + the signal that ended it.
    public static func streamLines(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, errorLog: String,
        interrupt: Int32 = 2 /* SIGINT */, grace: Duration = .seconds(300), onLine: @escaping @Sendable (String) -> Void
    ) async throws(Failure) -> Int32 {
        let child = try spawn(executable, arguments, environment: environment, input: .null, output: .pipe, error: .file(errorLog, append: true))
        return await withTaskCancellationHandler {
            await onThread {
                Self.readLines(child, onLine)
                return child.wait().code
            }
        } onCancel: {
            child.signal(interrupt)
            let (seconds, attoseconds) = grace.components
            DispatchQueue.global().asyncAfter(deadline: .now() + Double(seconds) + Double(attoseconds) * 1e-18) {
                child.signal(SIGKILL)  // a no-op once it has been reaped
            }
        }
    }

    /// Calls `onLine` with each "\n"-terminated line of the child's stdout until it ends (and with
    /// a last unterminated one). "\n" only: a JSON line may hold other line breaks inside its strings.
    static func readLines(_ child: ChildProcess, _ onLine: (String) -> Void) {
        var buffer: [UInt8] = []
        pump([child.outputFD], of: child) { _, bytes in
            buffer.append(contentsOf: bytes)
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                onLine(String(decoding: buffer[start..<newline], as: UTF8.self))
                start = newline + 1
            }
            buffer.removeFirst(start)
        }
        if !buffer.isEmpty { onLine(String(decoding: buffer, as: UTF8.self)) }
    }
}
