import O1CoderCore
import Testing

@Suite struct ProblemTests {
    @Test("A HumanEval-style completion continues the prompt")
    func continuesPrompt() {
        let p = Problem(
            id: "HumanEval/0", dataset: .humaneval, prompt: "def f(x):\n", style: .function(entryPoint: "f"),
            referenceSolution: nil, completionMode: .continuesPrompt, tests: TestSuite(cases: []))
        #expect(p.program(fromCompletion: "    return x\n") == "def f(x):\n    return x\n")
        #expect(p.entryPoint == "f")
    }

    @Test("A whole solution for a prompt-continuation task gets the prompt's imports, nothing else")
    func solutionCode() {
        var p = Problem(
            id: "HumanEval/0", dataset: .humaneval,
            prompt: "from typing import List\nimport math\n\ndef f(xs: List[int]) -> int:\n    \"\"\"doc\"\"\"\n",
            style: .function(entryPoint: "f"), referenceSolution: nil, completionMode: .continuesPrompt,
            tests: TestSuite(cases: []))
        let code = "def f(xs: List[int]) -> int:\n    return len(xs)\n"
        #expect(p.program(fromSolutionCode: code) == "from typing import List\nimport math\n" + code)
        p.completionMode = .fullProgram
        #expect(p.program(fromSolutionCode: code) == code)
    }

    @Test("Pass rate counts passed tests over all tests")
    func passRate() {
        let r = ProgramReport(
            verdict: .failed(test: 1, message: nil),
            tests: [.init(index: 0, status: .passed), .init(index: 1, status: .failed), .init(index: 2, status: .passed)],
            elapsedSeconds: 0)
        #expect(abs(r.passRate - 2.0 / 3.0) < 1e-12)
        #expect(ProgramReport(verdict: .passed, tests: [], elapsedSeconds: 0).passRate == 0)
    }
}
