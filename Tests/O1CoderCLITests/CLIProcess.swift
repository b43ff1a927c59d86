import Foundation
import O1CoderTestSupport
import ChildProcesses

/// The built `o1coder` binary run as a child process, in a chosen working directory.
enum CLIProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `o1coder arguments` in `directory` (default: the test's own) and waits for it.
    static func run(_ arguments: [String], in directory: String? = nil) async throws -> Result {
        let run = try await TrustedProcess.complete(
            TestEnvironment.o1coderBinary, arguments, workingDirectory: directory, errorTail: 1 << 24)
        let status = run.termination.code
        return Result(
            status: status, stdout: String(decoding: run.standardOutput, as: UTF8.self),
            stderr: String(decoding: run.standardError, as: UTF8.self))
    }
}
