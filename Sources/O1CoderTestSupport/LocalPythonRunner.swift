public import Execution
internal import Foundation

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
        let stdinPath = directory + "/stdin.txt"
        let stdoutPath = directory + "/stdout.txt"
        let stderrPath = directory + "/stderr.txt"
        try request.program.write(toFile: programPath, atomically: true, encoding: .utf8)
        try request.stdin.write(toFile: stdinPath, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-I", programPath]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinPath))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        let start = Date()
        try process.run()
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        let termination: ExecutionOutcome.Termination =
            process.terminationReason == .exit
            ? .exited(code: process.terminationStatus) : .signaled(signal: process.terminationStatus)
        return ExecutionOutcome(
            termination: termination, stdout: stdout, stderr: stderr, elapsedSeconds: Date().timeIntervalSince(start))
    }
}
