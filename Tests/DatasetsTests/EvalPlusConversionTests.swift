import Datasets
import O1CoderCore
import Testing

@Suite struct EvalPlusConversionTests {
    @Test("MBPP+ v0.2.0: 52 tasks need EvalPlus's input conversion; HumanEval+ none",
        .enabled(if: TestPaths.shared("evalplus/MbppPlus-v0.2.0.jsonl.gz") != nil, "shared datasets not found"))
    func realFiles() throws {
        let mbpp = try DatasetLoader().loadProblems(
            dataset: .mbppPlus, path: try #require(TestPaths.shared("evalplus/MbppPlus-v0.2.0.jsonl.gz")))
        let converted = mbpp.evalPlusInputs.values.filter { $0.conversion != .none }
        #expect(converted.count == 52)
        #expect(mbpp.evalPlusInputs[ProblemID("Mbpp/124")]?.conversion == .floatAndComplex)
        if let path = TestPaths.shared("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz") {
            let humanEval = try DatasetLoader().loadProblems(dataset: .humanevalPlus, path: path)
            #expect(humanEval.evalPlusInputs.values.allSatisfy { $0.conversion == .none })
        }
    }
}
