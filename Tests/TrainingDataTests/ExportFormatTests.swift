import O1CoderCore
import Testing
import TrainingData

@Suite struct ExportFormatTests {
    @Test("Every format but verl is a run's process data; verl rows select all or public tests")
    func formats() throws {
        #expect(ExportFormat.allCases.compactMap(\.processData) == [.sft, .prm, .dpo, .ppm, .prmPairs])
        #expect(ExportFormat.verl.processData == nil)
        var problem = Problem(
            id: ProblemID("Mbpp/2"), dataset: .mbpp, prompt: "Write sq.", style: .function(entryPoint: "sq"), referenceSolution: nil,
            completionMode: .fullProgram, tests: TestSuite(cases: [.assertion("assert sq(2) == 4")]), split: "test")
        problem.publicTests = TestSuite(cases: [])
        #expect(VerlTests.all.suite(of: problem) == problem.tests)
        #expect(VerlTests.public.suite(of: problem).cases.isEmpty)
        let (text, count) = try VerlExport.jsonl([problem, problem], tests: .all)
        #expect(count == 2)
        #expect(text.split(separator: "\n").count == 2 && text.contains(#""index":1"#))
    }
}
