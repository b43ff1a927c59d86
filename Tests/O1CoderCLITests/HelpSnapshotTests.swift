import ArgumentParser
import Foundation
import Inference
import Testing
import CommandOptions
@testable import O1CoderCLI

/// Every command's help, compared with the text committed under `HelpSnapshots/` (in the manner
/// of swift-argument-parser's HelpGenerationTests): an option renamed, dropped or re-documented
/// shows up in review as a changed file, not only in a user's terminal. After a deliberate change,
/// re-record with `O1CODER_RECORD_HELP=1 swift test --filter HelpSnapshotTests` and commit the files.
@Suite struct HelpSnapshotTests {
    /// Each command below the root, with the names that reach it ("train sft").
    static let commands: [(path: [String], type: any ParsableCommand.Type)] = {
        func walk(_ type: any ParsableCommand.Type, _ path: [String]) -> [([String], any ParsableCommand.Type)] {
            let name = type._commandName
            let here = path + [name]
            return [(here, type)] + type.configuration.subcommands.flatMap { walk($0, here) }
        }
        return O1Coder.configuration.subcommands.flatMap { walk($0, []) }
    }()

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("HelpSnapshots")

    @Test("Each command's help matches its snapshot", arguments: commands.map { $0.path.joined(separator: " ") })
    func snapshot(_ command: String) throws {
        let type = try #require(Self.commands.first { $0.path.joined(separator: " ") == command }?.type)
        let help = Self.portable(O1Coder.helpMessage(for: type, columns: 100))
        let file = Self.directory.appendingPathComponent(command.replacingOccurrences(of: " ", with: "-") + ".txt")
        if ProcessInfo.processInfo.environment["O1CODER_RECORD_HELP"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try help.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try? String(contentsOf: file, encoding: .utf8)
        #expect(
            recorded == help,
            "\(file.path) \(recorded == nil ? "is missing" : "differs from `o1coder \(command) --help`"); if the change is meant, re-record with O1CODER_RECORD_HELP=1 and commit it")
    }

    @Test("No snapshot is left over from a command that no longer exists")
    func noStaleSnapshots() throws {
        let expected = Set(Self.commands.map { $0.path.joined(separator: "-") + ".txt" })
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path))
        #expect(present.subtracting(expected).isEmpty, "stale: \(present.subtracting(expected).sorted())")
    }

    /// The help with what differs between machines written the same on all: the home directory
    /// as `~`, and llama.cpp's thread default (the online CPUs) as `<CPUs>`.
    static func portable(_ help: String) -> String {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let text = home.count > 1 ? help.replacingOccurrences(of: home, with: "~") : help
        let threads = "(default: \(LlamaConfiguration.defaultThreads))"
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.contains("CPU threads for llama.cpp") ? line.replacingOccurrences(of: threads, with: "(default: <CPUs>)") : String(line)
        }.joined(separator: "\n")
    }
}
