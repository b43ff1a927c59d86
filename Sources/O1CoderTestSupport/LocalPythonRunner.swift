public import Execution
internal import Foundation
internal import ChildProcesses

/// Runs *trusted* test fixture programs with `/usr/bin/python3 -I` and no isolation, as a
/// `ScriptedSandbox` run script: lets tests exercise generated Python (e.g. the oracle driver)
/// for real without the sandbox. Never use it on model output.
public enum LocalPythonRunner {
    public static let python = TestEnvironment.python3

    public static func run(_ request: ExecutionRequest) async throws -> ExecutionOutcome {
        let directory = NSTemporaryDirectory() + "o1coder-local-python-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let programPath = directory + "/program.py"
        try request.program.write(toFile: programPath, atomically: true, encoding: .utf8)
        let start = Date()
        let run = try await TrustedProcess.complete(python, ["-I", programPath], input: Data(request.stdin.utf8), errorTail: 1 << 20)
        let stdout = String(decoding: run.standardOutput, as: UTF8.self)
        let stderr = String(decoding: run.standardError, as: UTF8.self)
        let termination: ExecutionOutcome.Termination =
            switch run.termination {
            case .exited(let code): .exited(code: code)
            case .signaled(let signal): .signaled(signal: signal)
            }
        return ExecutionOutcome(
            termination: termination, stdout: stdout, stderr: stderr, elapsedSeconds: Date().timeIntervalSince(start))
    }
}
