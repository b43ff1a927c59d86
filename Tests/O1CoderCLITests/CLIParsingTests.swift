import ArgumentParser
import Testing
import ArgumentParser
@testable import O1CoderCLI
@Suite struct CLIParsingTests {
    @Test("The root command parses --version-less invocations") func root() throws {
        _ = try O1Coder.parseAsRoot([])
    }
}
