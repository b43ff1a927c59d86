import Synchronization
import Inference
import O1CoderCore
import Testing
@testable import TestGeneration

/// What a parser corpus entry should yield, block by block.
enum ExpectedBlock: Equatable, CustomStringConvertible {
    /// Arguments as a Python tuple text, output as Python text (nil: no output).
    case call(String, String?)
    case stdin(String, String?)
    case rejected(TestParseFailure)

    init(_ block: ParsedBlock) {
        switch block.outcome {
        case .rejected(let failure): self = .rejected(failure)
        case .parsed(let test):
            switch (test.input, test.output) {
            case (.arguments(let args), let output):
                var text: String?
                if case .value(let value)? = output { text = value.pythonText }
                self = .call(PythonLiteral.tuple(args).pythonText, text)
            case (.standardInput(let input), let output):
                var text: String?
                if case .standardOutput(let out)? = output { text = out }
                self = .stdin(input, text)
            }
        }
    }

    var description: String {
        switch self {
        case .call(let a, let o): "call\(a) -> \(o ?? "nil")"
        case .stdin(let i, let o): "stdin \(i.debugDescription) -> \(o?.debugDescription ?? "nil")"
        case .rejected(let f): "rejected(\(f))"
        }
    }
}

struct CorpusEntry: CustomTestStringConvertible, Sendable {
    var name: String
    var style: TaskStyle
    var signature: String?
    var requiresOutput: Bool
    var text: String
    var expected: [ExpectedBlock]
    var testDescription: String { name }
}

extension ExpectedBlock: @unchecked Sendable {}

private let add = "def add(a, b):\n    pass"
private let total = "def total(xs):\n    pass"

let parserCorpus: [CorpusEntry] = [
    CorpusEntry(
        name: "clean paper format", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "```case\n# input:\nadd(1, 2)\n# output:\n3\n```\n\n```case\n# input:\nadd(-1, 1)\n# output:\n0\n```",
        expected: [.call("(1, 2)", "3"), .call("(-1, 1)", "0")]),
    CorpusEntry(
        name: "missing fences", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "# input:\nadd(2, 3)\n# output:\n5\n\n# input:\nadd(0, 0)\n# output:\n0\n",
        expected: [.call("(2, 3)", "5"), .call("(0, 0)", "0")]),
    CorpusEntry(
        name: "prose before and after fences", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "Sure! Here are the tests:\n```case\n# input:\nadd(4, 4)\n# output:\n8\n```\nThese cover the basic behaviour. Let me know!",
        expected: [.call("(4, 4)", "8")]),
    CorpusEntry(
        name: "python literals: tuples, quotes, True, None", style: .function(entryPoint: "f"),
        signature: "def f(a, b): pass", requiresOutput: true,
        text: "```case\n# input:\nf((1, 2), 'it''s')\n# output:\n(True, None, 'x')\n```\n```case\n# input:\nf([1, [2]], \"q\")\n# output:\n[3, (4,)]\n```",
        expected: [.rejected(.inputNotLiteral), .call("([1, [2]], 'q')", "[3, (4,)]")]),
    CorpusEntry(
        name: "wrong arity", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "```case\n# input:\nadd(1)\n# output:\n1\n```\n```case\n# input:\nadd(1, 2, 3)\n# output:\n6\n```\n```case\n# input:\nadd(5, 6)\n# output:\n11\n```",
        expected: [.rejected(.wrongArity), .rejected(.wrongArity), .call("(5, 6)", "11")]),
    CorpusEntry(
        name: "CRLF, indented fences, extra whitespace", style: .function(entryPoint: "add"), signature: add,
        requiresOutput: true,
        text: "  ```case  \r\n#   input:   \r\n   add( 1 ,  2 )   \r\n# output:\r\n   3   \r\n  ```\r\n",
        expected: [.call("(1, 2)", "3")]),
    CorpusEntry(
        name: "assert lines instead of blocks", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "```python\nassert add(1, 1) == 2\nassert add(2, 2) == 4  # doubles\nprint('done')\n```",
        expected: [.call("(1, 1)", "2"), .call("(2, 2)", "4")]),
    CorpusEntry(
        name: "separate input/output fences", style: .standardIO, signature: nil, requiresOutput: true,
        text: "Test 1\n```input\n2\n3 4\n```\n```output\n7\n```\nTest 2\n```input\n1\n9\n```\n```output\n9\n```",
        expected: [.stdin("2\n3 4\n", "7"), .stdin("1\n9\n", "9")]),
    CorpusEntry(
        name: "bold markers with content fenced below", style: .standardIO, signature: nil, requiresOutput: true,
        text: "**Input:**\n```\n3\n1 2 3\n```\n**Output:**\n```\n6\n```\n",
        expected: [.stdin("3\n1 2 3\n", "6")]),
    CorpusEntry(
        name: "unclosed last fence with trailing prose", style: .standardIO, signature: nil, requiresOutput: true,
        text: "```case\n# input:\n1\n5\n# output:\n5\n```\n```case\n# input:\n2\n1 1\n# output:\n2\n\nThis test checks two equal numbers.",
        expected: [.stdin("1\n5\n", "5"), .stdin("2\n1 1\n", "2")]),
    CorpusEntry(
        name: "bare argument lists and a single list argument", style: .function(entryPoint: "total"),
        signature: total, requiresOutput: true,
        text: "```case\n# input:\n[1, 2, 3]\n# output:\n6\n```\n```case\n# input:\n[[4, 5]]\n# output:\n9\n```",
        expected: [.call("([1, 2, 3],)", "6"), .call("([4, 5],)", "9")]),
    CorpusEntry(
        name: "inline expected value in the input", style: .function(entryPoint: "add"), signature: add,
        requiresOutput: true,
        text: "```case\n# input:\nadd(3, 4) == 7\n```",
        expected: [.call("(3, 4)", "7")]),
    CorpusEntry(
        name: "non-literal input and output", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "```case\n# input:\nadd(x, 2)\n# output:\n3\n```\n```case\n# input:\nadd(1, 2)\n# output:\n1 + 2\n```",
        expected: [.rejected(.inputNotLiteral), .rejected(.outputNotLiteral)]),
    CorpusEntry(
        name: "full mode without output", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "```case\n# input:\nadd(1, 2)\n```",
        expected: [.rejected(.missingOutput)]),
    CorpusEntry(
        name: "prose only", style: .function(entryPoint: "add"), signature: add, requiresOutput: true,
        text: "I think the function should be tested with small numbers and negative numbers.",
        expected: [.rejected(.noTestBlocks)]),
    CorpusEntry(
        name: "inputs-only mode ignores outputs", style: .standardIO, signature: nil, requiresOutput: false,
        text: "```case\n# input:\n2\n1 2\n# output:\n3\n```\n```case\n# input:\n1\n0\n```",
        expected: [.stdin("2\n1 2\n", nil), .stdin("1\n0\n", nil)]),
    CorpusEntry(
        name: "set argument has no JSON form", style: .function(entryPoint: "total"), signature: total,
        requiresOutput: false,
        text: "```case\n# input:\ntotal({1, 2})\n```",
        expected: [.rejected(.notJSONRepresentable)]),
    CorpusEntry(
        name: "inline content on marker lines, numbered markers", style: .function(entryPoint: "add"), signature: add,
        requiresOutput: true,
        text: "Input 1: add(2, 2)\nOutput 1: 4\n\nInput 2: `add(0, 1)`\nExpected output: 1\n",
        expected: [.call("(2, 2)", "4"), .call("(0, 1)", "1")]),
    CorpusEntry(
        name: "method call on Solution()", style: .function(entryPoint: "maxSum"),
        signature: "class Solution:\n    def maxSum(self, nums, k):\n        pass", requiresOutput: true,
        text: "```case\n# input:\nSolution().maxSum([1, 2, 3], 2)\n# output:\n5\n```",
        expected: [.call("([1, 2, 3], 2)", "5")]),
    CorpusEntry(
        name: "output with a trailing comment and JSON spellings", style: .function(entryPoint: "f"),
        signature: "def f(x): pass", requiresOutput: true,
        text: "```case\n# input:\nf(true)\n# output:\n[null, false]  # nothing, then no\n```",
        expected: [.call("(True,)", "[None, False]")]),
    CorpusEntry(
        name: "empty input section", style: .standardIO, signature: nil, requiresOutput: true,
        text: "```case\n# input:\n\n# output:\n1\n```",
        expected: [.rejected(.emptyInput)]),
]

@Suite struct TestBlockParserTests {
    @Test("parser corpus of messy outputs", arguments: parserCorpus)
    func corpus(_ entry: CorpusEntry) {
        let signature: FunctionSignature? =
            if case .function(let name) = entry.style, let source = entry.signature {
                FunctionSignature.find(named: name, in: source)
            } else { nil }
        let parser = TestBlockParser(style: entry.style, signature: signature, requiresOutput: entry.requiresOutput)

        let blocks = parser.parse(entry.text).map(ExpectedBlock.init)

        #expect(blocks == entry.expected, "\(entry.name)")
    }

    @Test("the corpus has at least 15 entries")
    func corpusSize() {
        #expect(parserCorpus.count >= 15)
    }

    @Test("rendered blocks parse back to the same tests")
    func roundTrip() {
        let tests = [
            ProposedTest(input: .arguments([.list([.integer("1"), .string("a\nb")]), .bool(false)]), output: .value(.tuple([.none]))),
            ProposedTest(input: .arguments([.dict([(.string("k"), .float("1.5"))]), .integer("-3")]), output: .value(.string("it's"))),
        ]
        let text = TestBlockFormat.render(tests, entryPoint: "g")
        let parser = TestBlockParser(
            style: .function(entryPoint: "g"), signature: FunctionSignature.find(named: "g", in: "def g(a, b): pass"),
            requiresOutput: true)

        #expect(parser.parse(text).compactMap(\.test) == tests)
    }

    @Test("arbitrary bytes never crash the parser")
    func fuzz() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("```case\n# input:# output:()[]{}'\",.-+0123456789 abcTrueNone\\\r\t")
        let parser = TestBlockParser(style: .function(entryPoint: "f"), signature: nil, requiresOutput: true)
        for _ in 0..<300 {
            let length = Int.random(in: 0..<120, using: &rng)
            let text = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
            #expect(!parser.parse(text).isEmpty)
        }
    }
}
