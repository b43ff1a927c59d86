import Synchronization
import Inference
import Testing
@testable import TestGeneration

@Suite struct PythonLiteralParserTests {
    @Test("Python and JSON literals parse to canonical Python and JSON", arguments: [
        ("1", "1", "1"),
        ("-0x1F", "-31", "-31"),
        ("1_000", "1000", "1000"),
        ("2.50", "2.50", "2.50"),
        (".5", "0.5", "0.5"),
        ("'a\\'b'", "\"a'b\"", "\"a'b\""),
        ("\"x\\ny\"", "'x\\ny'", "\"x\\ny\""),
        ("(1,)", "(1,)", "[1]"),
        ("(1)", "1", "1"),
        ("[True, None, false, null]", "[True, None, False, None]", "[true, null, false, null]"),
        ("{'a': [1, 2]}", "{'a': [1, 2]}", "{\"a\": [1, 2]}"),
        ("r'\\d+'", "'\\\\d+'", "\"\\\\d+\""),
        ("'''multi\nline'''", "'multi\\nline'", "\"multi\\nline\""),
    ])
    func literals(_ input: String, _ python: String, _ json: String) throws {
        let value = try #require(PythonLiteralParser.parse(input))
        #expect(value.pythonText == python)
        #expect(value.jsonText == json)
    }

    @Test("non-literals are rejected", arguments: ["x", "1 + 2", "f(1)", "[1, 2", "'open", "{1: 2, 3}", "b'x'", "", "inf"])
    func nonLiterals(_ input: String) {
        #expect(PythonLiteralParser.parse(input) == nil)
    }

    @Test("sets and non-string keys have no JSON form")
    func jsonless() throws {
        #expect(try #require(PythonLiteralParser.parse("{1, 2}")).jsonText == nil)
        #expect(try #require(PythonLiteralParser.parse("{1: 2}")).jsonText == nil)
        #expect(try #require(PythonLiteralParser.parse("set()")).pythonText == "set()")
    }

    @Test("deep nesting is refused, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(PythonLiteralParser.parse(deep) == nil)
    }

    @Test("function signatures give positional arity")
    func signatures() throws {
        let source = """
            def helper(x): pass
            def solve(a, b: List[int] = [1, 2], *args, key=None, **kw):
                pass
            class Solution:
                def count(self, s: str, k: int) -> int:
                    return 0
            """
        let solve = try #require(FunctionSignature.find(named: "solve", in: source))
        #expect(solve.parameters == ["a", "b"])
        #expect(solve.requiredCount == 1)
        #expect(solve.isVariadic)
        let count = try #require(FunctionSignature.find(named: "count", in: source))
        #expect(count.parameters == ["s", "k"])
        #expect(count.accepts(argumentCount: 2) && !count.accepts(argumentCount: 3))
        #expect(FunctionSignature.find(named: "solv", in: source) == nil)
    }
}
