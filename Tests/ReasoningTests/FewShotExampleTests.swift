import O1CoderCore
import Foundation
import O1CoderTestSupport
import Reasoning
import Testing
import ChildProcesses

/// The bundled examples are well-formed and their code is correct (run with Debian's Python).
@Suite struct FewShotExampleTests {
    static let python = TestEnvironment.python3
    static let examples: [FewShotExample] = (try? FewShotLibrary.bundled().examples) ?? []

    @Test("The bundled library loads with two examples per task kind")
    func loads() throws {
        let library = try FewShotLibrary.bundled()
        #expect(library.examples.filter { $0.shape.isFunction }.count == 2)
        #expect(library.examples.filter { !$0.shape.isFunction }.count == 2)
    }

    /// bench/fewshot/format-only.json (make bench-fewshot): the same questions and code, steps
    /// that show only the format, and nothing of the bundled plans to copy.
    @Test("The format-only library loads from its file, keeps the code and shares no plan with the bundled one")
    func formatOnly() throws {
        let bundled = try FewShotLibrary.bundled()
        #expect(try FewShotLibrary.load(path: nil) == bundled)
        let formatOnly = try FewShotLibrary.load(path: TestEnvironment.packageRoot + "/bench/fewshot/format-only.json")
        #expect(formatOnly.examples.map(\.code) == bundled.examples.map(\.code))
        #expect(formatOnly.examples.map(\.question) == bundled.examples.map(\.question))
        let overlap = FewShotOverlap(exampleTexts: bundled.examples.flatMap { $0.steps.filter { !$0.isTerminal }.map(\.text) })
        for step in formatOnly.examples.flatMap(\.steps) where !step.isTerminal { #expect(overlap.rate(step.text) == 0, "\(step.text)") }
        for example in formatOnly.examples {
            let parsed = try #require(TraceParser().parseTrace(example.trace.rendered, entryPoint: example.entryPoint).parsed)
            #expect(parsed.code?.code == example.code)
        }
        #expect(throws: ReasoningError.self) { try FewShotLibrary.load(path: "/nonexistent/examples.json") }
    }

    @Test("Each example's trace parses back with its code as the code step", arguments: examples.map(\.id))
    func traceParses(id: String) throws {
        let example = try #require(Self.examples.first { $0.id == id })
        let outcome = TraceParser().parseTrace(example.trace.rendered, entryPoint: example.entryPoint)
        let parsed = try #require(outcome.parsed)
        #expect(parsed.trace == example.trace)
        #expect(parsed.code?.code == example.code)
        #expect(parsed.issues.isEmpty)
        #expect(example.steps.first?.action == .structure)
        #expect(example.steps.filter(\.isTerminal).count == 1 && example.steps.last?.isTerminal == true)
    }

    @Test("Each example's code passes its own tests", .requires(.python3),
          .timeLimit(.minutes(5)), arguments: examples.map(\.id))
    func codeIsCorrect(id: String) async throws {
        let example = try #require(Self.examples.first { $0.id == id })
        if let asserts = example.tests.asserts {
            let program = example.code + "\n\n" + asserts.joined(separator: "\n") + "\n"
            let result = try await Self.run(program, stdin: "")
            #expect(result.status == 0, "\(result.stderr)")
        }
        for io in example.tests.io ?? [] {
            let result = try await Self.run(example.code, stdin: io.input)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == io.output)
        }
        #expect((example.tests.asserts?.count ?? 0) + (example.tests.io?.count ?? 0) >= 2)
    }

    /// Runs trusted example code (ours, reviewed) with Python; not a sandbox.
    static func run(_ program: String, stdin: String) async throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try await TrustedProcess.complete(python, ["-c", program], input: Data(stdin.utf8), errorTail: 1 << 20)
        let status = run.termination.code
        return (status, String(decoding: run.standardOutput, as: UTF8.self), String(decoding: run.standardError, as: UTF8.self))
    }
}
