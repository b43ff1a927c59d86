import ArgumentParser
import Testing
import CommandOptions
import O1CoderCore
@testable import O1CoderCLI

@Suite struct CLIParsingTests {
    @Test("With no arguments the root command parses to itself (running it prints the help)")
    func root() throws {
        #expect(try O1Coder.parseAsRoot([]) is O1Coder)
    }

    @Test("--version prints the version and exits 0")
    func version() {
        let error = #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(["--version"]) }
        #expect(error.map { O1Coder.exitCode(for: $0) } == .success)
        #expect(error.map { O1Coder.fullMessage(for: $0) } == O1CoderVersion.string)
    }

    @Test("An unknown subcommand is a usage error (exit 64)")
    func unknownSubcommand() {
        let error = #expect(throws: (any Error).self) { try O1Coder.parseAsRoot(["frobnicate"]) }
        #expect(error.map { O1Coder.exitCode(for: $0) } == .validationFailure)
    }

    @Test("The help lists every subcommand that is not hidden")
    func helpListsSubcommands() {
        let help = O1Coder.helpMessage()
        for command in O1Coder.configuration.subcommands where command.configuration.shouldDisplay {
            let name = command.configuration.commandName ?? ""
            #expect(!name.isEmpty && help.contains(name), "\(command)")
        }
    }
}
