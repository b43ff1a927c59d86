import ArgumentParser
import Foundation
import O1CoderTestSupport
import Testing
import CommandOptions
@testable import O1CoderCLI

/// The exit codes `o1coder --help` promises: 64 for a usage error (an unknown option, a named
/// input that does not exist), 1 for a tool failure (an input that exists but cannot be parsed).
@Suite struct ExitCodeTests {
    static let commands = HelpSnapshotTests.commands.map { $0.path.joined(separator: " ") }

    @Test("An unknown option is a usage error (64) in every command", arguments: commands)
    func unknownOption(_ command: String) {
        let arguments = command.split(separator: " ").map(String.init) + ["--no-such-option"]
        let error = #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(arguments) }
        #expect(error.map { O1Coder.exitCode(for: $0) } == .validationFailure, "o1coder \(command) --no-such-option")
        // Commands with a required argument name that first; either way the user reads an error and the usage.
        #expect(error.map { O1Coder.fullMessage(for: $0) }?.hasPrefix("Error:") == true)
    }

    @Test("A named input that does not exist is a usage error (64) that names it, before anything starts", arguments: [
        ["eval", "--dataset", "humaneval", "--path", "/nonexistent/HumanEval.jsonl.gz", "--samples", "/nonexistent/samples.jsonl"],
        ["sample-report", "/nonexistent/run-dir"],
    ])
    func missingInput(_ arguments: [String]) async throws {
        var command = try O1Coder.parseAsRoot(arguments)
        // Checked before the dataset (itself missing here) is opened.
        let error = await #expect(throws: (any Error).self) {
            if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
        }
        #expect(error.map { O1Coder.exitCode(for: $0) } == .validationFailure)
        #expect(error.map { O1Coder.fullMessage(for: $0) }?.contains("/nonexistent/samples.jsonl") == true
            || error.map { O1Coder.fullMessage(for: $0) }?.contains("/nonexistent/run-dir") == true)
    }

    @Test("An input that exists but is not what it should be is a tool failure (1) that names the file and line",
          .requires(.humanEval))
    func malformedInput() async throws {
        let file = NSTemporaryDirectory() + "o1coder-exit-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "{\"task_id\": \"HumanEval/0\", \"completion\": \"pass\"}\nnot json\n".write(toFile: file, atomically: true, encoding: .utf8)
        var command = try #require(
            try O1Coder.parseAsRoot(["eval", "--dataset", "humaneval", "--path", TestEnvironment.humanEvalPath, "--samples", file])
                as? any AsyncParsableCommand)
        let error = await #expect(throws: (any Error).self) { try await command.run() }
        #expect(error.map { O1Coder.exitCode(for: $0) } == .failure)
        let message = error.map { O1Coder.fullMessage(for: $0) } ?? ""
        #expect(message.contains(file) && message.contains("2"), "\(message)")
    }
}
