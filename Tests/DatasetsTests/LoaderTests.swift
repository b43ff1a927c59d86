import Foundation
import O1CoderCore
import Testing
@testable import Datasets

@Suite struct LoaderTests {
    let loader = DatasetLoader()

    @Test("HumanEval: prompt continuation, reference = prompt + solution, check() script")
    func humanEval() throws {
        let result = try loader.loadProblems(dataset: .humaneval, path: TestPaths.fixture("humaneval.jsonl"))
        #expect(result.problems.count == 2)
        let p = result.problems[0]
        #expect(p.id == "HumanEval/0")
        #expect(p.entryPoint == "add")
        #expect(p.completionMode == .continuesPrompt)
        #expect(p.referenceSolution == p.prompt + "    return a + b\n")
        #expect(p.program(fromCompletion: "    return 0\n") == p.prompt + "    return 0\n")
        guard case .script(let script, .base)? = p.tests.cases.first else {
            Issue.record("expected one script test")
            return
        }
        #expect(script.hasSuffix("\ncheck(add)\n"))
        #expect(result.sha256.count == 64)
    }

    @Test("Gzip files are decoded by zlib as they are read and hashed as stored")
    func gzip() async throws {
        let directory = try TestPaths.temporaryDirectory()
        let gz = try await TestPaths.gzipped(TestPaths.fixture("humaneval.jsonl"), into: directory)
        let plain = try loader.loadProblems(dataset: .humaneval, path: TestPaths.fixture("humaneval.jsonl"))
        let packed = try loader.loadProblems(dataset: .humaneval, path: gz)
        #expect(packed.problems == plain.problems)
        #expect(packed.sha256 != plain.sha256)
    }

    @Test("A malformed line is an error naming file and line")
    func malformedLineThrows() {
        let path = TestPaths.fixture("humaneval_malformed.jsonl")
        do {
            _ = try loader.loadProblems(dataset: .humaneval, path: path)
            Issue.record("expected an error")
        } catch let error as DatasetError {
            #expect(error.code == .malformedJSON)
            #expect(error.line == 2)
            #expect(error.description.contains("humaneval_malformed.jsonl:2"))
            #expect(error.description.contains("--skip-malformed"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("skipMalformed skips bad lines with warnings (blank lines still counted)")
    func skipMalformed() throws {
        let result = try loader.loadProblems(
            dataset: .humaneval, path: TestPaths.fixture("humaneval_malformed.jsonl"), options: .init(skipMalformed: true))
        #expect(result.problems.map(\.id) == ["HumanEval/0"])
        #expect(result.warnings.map(\.line) == [2, 4])
        #expect(result.warnings[1].message.contains("entry_point"))
    }

    @Test("Missing file is an unreadable error")
    func missingFile() {
        #expect(throws: DatasetError.self) {
            try loader.loadProblems(dataset: .mbpp, path: TestPaths.fixture("nope.jsonl"))
        }
    }

    @Test("MBPP: entry point from the first assert, CRLF → LF, setup after program, splits")
    func mbpp() throws {
        let result = try loader.loadProblems(dataset: .mbpp, path: TestPaths.fixture("mbpp.jsonl"))
        #expect(result.problems.map(\.id) == ["Mbpp/2", "Mbpp/367", "Mbpp/700"])
        let first = result.problems[0]
        #expect(first.entryPoint == "similar_elements")
        #expect(first.referenceSolution?.contains("\r") == false)
        #expect(first.prompt.hasPrefix("\"\"\"\nWrite a function"))
        #expect(first.prompt.contains("assert set(similar_elements((3, 4, 5, 6)"))
        #expect(first.tests.count == 2)
        #expect(first.split == "prompt")
        #expect(result.problems[1].entryPoint == "count_nodes")
        #expect(result.problems[1].tests.setup == "root = Node(Node(), Node())")
        #expect(result.problems[1].split == "test")
        #expect(result.problems[2].split == "train")

        let challenge = try loader.loadProblems(
            dataset: .mbpp, path: TestPaths.fixture("mbpp.jsonl"), options: .init(includeChallengeTests: true))
        #expect(challenge.problems[0].tests.count == 3)
        let testSplit = try loader.loadProblems(
            dataset: .mbpp, path: TestPaths.fixture("mbpp.jsonl"), options: .init(mbppSplits: [.test, .train]))
        #expect(testSplit.problems.map(\.id) == ["Mbpp/367", "Mbpp/700"])
    }

    @Test("MBPP split boundaries follow upstream (1-10, 11-510, 511-600, 601-974)")
    func mbppSplits() {
        #expect(MBPPSplit(taskID: 10) == .prompt)
        #expect(MBPPSplit(taskID: 11) == .test)
        #expect(MBPPSplit(taskID: 510) == .test)
        #expect(MBPPSplit(taskID: 511) == .validation)
        #expect(MBPPSplit(taskID: 601) == .train)
        #expect(MBPPSplit(taskID: 975) == nil)
        #expect(MBPPSplit.allCases.map(\.taskIDs.count) == [10, 500, 90, 374])
    }

    @Test("Sanitized MBPP: one JSON array; test_imports in the preamble")
    func sanitized() throws {
        let result = try loader.loadProblems(dataset: .mbppSanitized, path: TestPaths.fixture("sanitized-mbpp.json"))
        #expect(result.problems.count == 2)
        #expect(result.problems[1].tests.preamble == "import math\n")
        #expect(result.problems[1].entryPoint == "root")
        #expect(result.problems[1].tests.count == 2)
    }

    @Test("MBPP+: original assertions until the oracle runs; inputs kept as JSON argument lists")
    func mbppPlus() throws {
        let result = try loader.loadProblems(dataset: .mbppPlus, path: TestPaths.fixture("mbppplus.jsonl"))
        #expect(result.needsOracle)
        let p = result.problems[0]
        #expect(p.entryPoint == "similar_elements")
        #expect(p.completionMode == .fullProgram)
        #expect(p.tests.cases == [.assertion("assert set(similar_elements((3, 4),(4, 5))) == set((4,))")])
        let inputs = try #require(result.evalPlusInputs["Mbpp/2"])
        #expect(inputs.base == ["[[3, 4], [4, 5]]", "[[1, 2], [2, 3]]"])
        #expect(inputs.plus[1] == "[[12345678901234567890123], [12345678901234567890123]]")
        #expect(inputs.absoluteTolerance == 0)
        #expect(result.evalPlusInputs["Mbpp/3"]?.absoluteTolerance == 1e-6)
        // MBPP's split by task id (tasks 1–10 are its prompt split), and the split filter.
        #expect(result.problems.map(\.split) == ["prompt", "prompt"])
        let prompt = try loader.loadProblems(
            dataset: .mbppPlus, path: TestPaths.fixture("mbppplus.jsonl"), options: LoadOptions(mbppSplits: [.prompt]))
        #expect(prompt.problems.count == 2)
        let error = #expect(throws: DatasetError.self) {
            try loader.loadProblems(dataset: .mbppPlus, path: TestPaths.fixture("mbppplus.jsonl"), options: LoadOptions(mbppSplits: [.test]))
        }
        #expect(error?.description.contains("none in the selected splits") == true)
    }

    @Test("HumanEval+: HumanEval-shaped problem plus inputs")
    func humanEvalPlus() throws {
        let result = try loader.loadProblems(dataset: .humanevalPlus, path: TestPaths.fixture("humanevalplus.jsonl"))
        #expect(result.problems[0].dataset == .humanevalPlus)
        #expect(result.problems[0].completionMode == .continuesPrompt)
        #expect(result.evalPlusInputs["HumanEval/0"]?.plus == [#"["a", "b"]"#])
    }

    @Test("TACO: stdin tests join line lists; call tests wrap expected values; JSON-string fields decoded")
    func taco() throws {
        let result = try loader.loadProblems(dataset: .taco, path: TestPaths.fixture("taco.jsonl"))
        let stdin = result.problems[0]
        #expect(stdin.style == .standardIO)
        #expect(stdin.tests.cases == [
            .standardIO(input: "1\n2", expectedOutput: "3"), .standardIO(input: "3\n4\n", expectedOutput: "7\n"),
        ])
        #expect(stdin.metadata["difficulty"] == "EASY")
        #expect(stdin.metadata["verification"] == "pass")
        let call = result.problems[1]
        #expect(call.id == "taco/1")
        #expect(call.entryPoint == "twice")
        #expect(call.referenceSolution == "def twice(x):\n    return 2*x\n")
        #expect(call.tests.cases == [
            .call(arguments: "[1]", expected: .jsonWrapped("[2]")),
            .call(arguments: #"["ab"]"#, expected: .jsonWrapped(#"["abab"]"#)),
        ])
    }

    @Test("APPS: stdin vs call-based from starter code; argument text parsing")
    func apps() throws {
        let result = try loader.loadProblems(dataset: .apps, path: TestPaths.fixture("apps.jsonl"))
        #expect(result.problems[0].style == .standardIO)
        #expect(result.problems[0].tests.cases == [.standardIO(input: "1\n", expectedOutput: "2\n")])
        #expect(result.problems[0].referenceSolution == nil)
        let call = result.problems[1]
        #expect(call.id == "apps/4002")
        #expect(call.entryPoint == "differentiate")
        #expect(call.tests.cases == [
            .call(arguments: #"["12x+2", 3]"#, expected: .jsonWrapped("[12]")),
            .call(arguments: "[[1, 2]]", expected: .jsonWrapped("[[2, 1]]")),
        ])
    }
}

@Suite struct PublicTestsTests {
    static func function(_ prompt: String, tests: [TestCase] = [], entryPoint: String = "f") -> Problem {
        Problem(
            id: "t/1", dataset: .humaneval, prompt: prompt, style: .function(entryPoint: entryPoint), referenceSolution: nil,
            tests: TestSuite(cases: tests))
    }

    @Test("Docstring examples: >>> with output lines, continuation lines, inline arrows; prose and assignments skipped")
    func docstring() {
        let prompt = """
            def f(xs: list, k: int) -> list:
                \"\"\" Keep the first k.
                >>> f([1, 2, 3], 2)
                [1, 2]
                >>> f([],
                ... 0)
                []
                >>> x = f([1], 1)
                >>> import math
                For example:
                f([4, 5], 1) ➞ [4]
                - f([7], 0) == []
                f(lists) should be short.
                \"\"\"
            """
        let suite = PublicTests.suite(for: Self.function(prompt))
        #expect(suite.cases == [
            .assertion("assert (f([1, 2, 3], 2)) == ([1, 2])"),
            .assertion("assert (f([],\n 0)) == ([])"),
            .assertion("assert (f([4, 5], 1)) == ([4])"),
            .assertion("assert (f([7], 0)) == ([])"),
        ])
    }

    @Test("Assert-style suites: the asserts the prompt shows are public, the rest hidden")
    func shownAsserts() {
        let tests: [TestCase] = [.assertion("assert f(1) == 2"), .assertion("assert f(2) == 3")]
        let p = Self.function("\"\"\"\nAdd one.\nassert f(1) == 2\n\"\"\"\n", tests: tests)
        var problem = p
        problem.publicTests = PublicTests.suite(for: p)
        #expect(problem.publicTests.cases == [.assertion("assert f(1) == 2")])
        #expect(problem.hiddenTests.cases == [.assertion("assert f(2) == 3")])
    }

    @Test("Sample I/O: stdin tests whose input and output appear in order are public")
    func sampleIO() {
        let prompt = "Sum two numbers.\n-----Example-----\nInput\n3 4\n\nOutput\n7\n"
        let tests: [TestCase] = [
            .standardIO(input: "3 4\n", expectedOutput: "7\n"), .standardIO(input: "10 20\n", expectedOutput: "30\n"),
            .standardIO(input: "7", expectedOutput: "3 4"),
        ]
        let p = Problem(id: "t/2", dataset: .apps, prompt: prompt, style: .standardIO, referenceSolution: nil, tests: TestSuite(cases: tests))
        #expect(PublicTests.suite(for: p).cases == [tests[0]])
    }

    @Test("A problem stored before public tests existed decodes with none")
    func legacyDecoding() throws {
        let p = Self.function(">>> f(1)\n2\n")
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(p)) as? [String: Any])
        object.removeValue(forKey: "publicTests")
        let decoded = try JSONDecoder().decode(Problem.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.publicTests.cases.isEmpty)
        #expect(decoded.tests == p.tests)
    }
}
