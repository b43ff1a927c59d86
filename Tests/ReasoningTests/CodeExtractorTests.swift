import Reasoning
import Testing

@Suite struct CodeExtractorTests {
    @Test("The last python block wins over earlier ones and over pseudo blocks")
    func lastPythonBlock() throws {
        let text = "```python\nx = 1\n```\n```pseudo\nRETURN 2\n```\n```py\nx = 2\n```\ntrailing prose"
        let code = try #require(CodeExtractor.extract(from: text).code)
        #expect(code.code == "x = 2")
        #expect(code.source == .pythonFence)
        #expect(code.issues == [.multipleCodeBlocks(count: 2)])
    }

    @Test("An untagged fence holding prose is not code")
    func untaggedProse() {
        let text = "```\nThis is just an explanation of the idea.\n```"
        #expect(CodeExtractor.extract(from: text) == .failed(.noCode))
    }

    @Test("Top-level names are found, nested ones are not")
    func definedNames() throws {
        let text = "```python\nimport os\nLIMIT = 10\nclass Box:\n    def inner(self): pass\nasync def fetch():\n    pass\ndef solve(n):\n    def helper(): pass\n    return n\n```"
        let code = try #require(CodeExtractor.extract(from: text, entryPoint: "solve").code)
        #expect(code.definedNames == ["LIMIT", "Box", "fetch", "solve"])
        #expect(code.issues.isEmpty)
    }

    @Test("Code for another entry point is recorded with the names it defines")
    func wrongEntryPoint() throws {
        let code = try #require(CodeExtractor.extract(from: "def g(x):\n    return x\n", entryPoint: "f").code)
        #expect(code.source == .wholeText)
        #expect(code.issues == [.entryPointNotDefined(expected: "f", defined: ["g"])])
    }

    @Test("Prose is not mistaken for code", arguments: [
        "for each element we add it to the total.",
        "If the list is empty, return 0.",
        "The answer is 42",
        "Note that x == y here",
    ])
    func proseIsNotCode(text: String) {
        #expect(CodeExtractor.extract(from: text) == .failed(.noCode))
    }

    @Test("Garbage never crashes the extractor or the parser, and yields no program", arguments: [
        "```", "``````", "```python", "<step", "<step action=\"", "</step></step>", "### Step", "### Step 1:",
        "\u{0}\u{1}", "<step action=\"code\">```python\n", "~~~\n~~~", "<step action=\"refine\"><step>", "Step 99999999999999999999:",
    ])
    func garbageIsSafe(text: String) {
        let extraction = CodeExtractor.extract(from: text, entryPoint: "f")
        let complete = TraceParser().parseTrace(text, entryPoint: "f")
        let partial = TraceParser(labelPolicy: .inferFromContent).parseTrace(text, requirement: .partial)
        let step = TraceParser().parseStep(continuation: text, forcedAction: nil, stoppedAtStepEnd: false, truncated: true)

        // None of these holds a program: each is a recorded failure, never invented code, and
        // the same every time (parsing is a pure function of the text). A lone `### Step` line
        // reads as a Python comment, so it comes back as code flagged for not defining `f`.
        if let code = extraction.code {
            #expect(code.issues.contains(.entryPointNotDefined(expected: "f", defined: code.definedNames)), "\(code)")
            #expect(code.definedNames.isEmpty, "\(code)")
        }
        #expect(complete.failure != nil, "\(complete)")
        #expect(partial.parsed?.code == nil, "\(partial)")
        if case .parsed(_, let code?, _) = step { Issue.record("code from garbage: \(code)") }
        #expect(CodeExtractor.extract(from: text, entryPoint: "f") == extraction)
        #expect(TraceParser().parseTrace(text, entryPoint: "f") == complete)
    }
}
