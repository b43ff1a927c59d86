import Foundation
import Inference
import O1CoderCore
import Reasoning
import Testing
import TrainingData

@Suite("verl rows")
struct VerlRowTests {
    @Test("stdin and JSON call tests use the field's {inputs, outputs, fn_name}; asserts and literals carry our suite")
    func groundTruthForm() throws {
        let stdin = TestSuite(cases: [.standardIO(input: "1 2\n", expectedOutput: "3\n")])
        #expect(try VerlRow.groundTruth(stdin, entryPoint: nil) == #"{"inputs": ["1 2\n"], "outputs": ["3\n"]}"#)
        let calls = TestSuite(cases: [.call(arguments: "[2]", expected: .jsonWrapped("[4]")), .call(arguments: "[3]", expected: .json("9"))])
        #expect(try VerlRow.groundTruth(calls, entryPoint: "sq") == #"{"inputs": [[2], [3]], "outputs": [[4], [9]], "fn_name": "sq"}"#)
        for native in [
            TestSuite(cases: [.assertion("assert sq(2) == 4")]),
            TestSuite(cases: [.call(arguments: "[2]", expected: .pythonLiteral("4"))]),
            TestSuite(setup: "import math", cases: [.standardIO(input: "", expectedOutput: "")]),
        ] {
            let text = try VerlRow.groundTruth(native, entryPoint: "sq")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["entry_point"] as? String == "sq")
            let suite = try JSONDecoder().decode(TestSuite.self, from: JSONSerialization.data(withJSONObject: object["suite"] as Any))
            #expect(suite == native)
        }
    }

    @Test("a row: data source, zero-shot chat prompt, rule reward model, extra info, top-level ground truth")
    func row() throws {
        let problem = Problem(
            id: ProblemID("Mbpp/2"), dataset: .mbpp, prompt: "Write sq.", style: .function(entryPoint: "sq"), referenceSolution: nil,
            completionMode: .fullProgram, tests: TestSuite(cases: [.assertion("assert sq(2) == 4")]), split: "test")
        let row = try VerlRow(problem: problem, index: 7, prompts: PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 0), tests: problem.tests, testsName: "all")
        #expect(row.dataSource == "o1coder/mbpp" && row.ability == "code" && row.rewardModel.style == "rule")
        #expect(row.prompt.last?.role == .user && row.prompt.last?.content.contains("Write sq.") == true)
        #expect(row.extraInfo.split == "test" && row.extraInfo.index == 7 && row.extraInfo.problemID == "Mbpp/2" && row.extraInfo.tests == "all")
        #expect(row.groundTruth == row.rewardModel.groundTruth)
        let keys = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(row)) as? [String: Any]).keys.sorted()
        #expect(keys == ["ability", "data_source", "extra_info", "ground_truth", "prompt", "reward_model"])
    }
}
