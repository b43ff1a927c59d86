import Datasets
import O1CoderCore
import O1CoderTestSupport
import Testing

@Suite struct EvalPlusConversionTests {
    @Test("MBPP+ v0.2.0: 52 tasks need EvalPlus's input conversion; HumanEval+ none",
        .requires(.sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz"), .sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz")))
    func realFiles() throws {
        let mbpp = try DatasetLoader().loadProblems(
            dataset: .mbppPlus, path: TestEnvironment.sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz"))
        let converted = mbpp.evalPlusInputs.values.filter { $0.conversion != .none }
        #expect(converted.count == 52)
        #expect(mbpp.evalPlusInputs[ProblemID("Mbpp/124")]?.conversion == .floatAndComplex)
        let humanEval = try DatasetLoader().loadProblems(
            dataset: .humanevalPlus, path: TestEnvironment.sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz"))
        #expect(humanEval.evalPlusInputs.values.allSatisfy { $0.conversion == .none })
    }
}
