import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import TestGeneration

/// TACO stdin/stdout rows read directly (the Datasets loader is built elsewhere).
enum TACOFixture {
    static var path: String { TestEnvironment.sharedDataset("taco/taco_train_subset.jsonl") }

    struct Row: Decodable {
        struct IO: Decodable {
            var inputs: [String]?
            var outputs: [String]?
            var fnName: String?
            enum CodingKeys: String, CodingKey {
                case inputs, outputs
                case fnName = "fn_name"
            }
        }
        var question: String
        var solutions: [String]
        struct Verification: Decodable { var result: String }
        var inputOutput: IO
        /// Added by the dataset curator: `pass` when the references reproduce the stored outputs
        /// (39 of 70 rows have outputs that belong to another question).
        var verification: Verification?
        enum CodingKeys: String, CodingKey {
            case question, solutions, verification
            case inputOutput = "input_output"
        }
    }

    /// The first `count` verified stdin problems with a solution and tests (at most 4 tests each).
    static func problems(count: Int) throws -> [Problem] {
        let decoder = JSONDecoder()
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var problems: [Problem] = []
        for (index, line) in rows.enumerated() where problems.count < count {
            guard let row = try? decoder.decode(Row.self, from: Data(line.utf8)), row.inputOutput.fnName == nil,
                row.verification?.result == "pass",
                let solution = row.solutions.first, let inputs = row.inputOutput.inputs,
                let outputs = row.inputOutput.outputs, !inputs.isEmpty, inputs.count == outputs.count
            else { continue }
            let cases = zip(inputs, outputs).prefix(4).map { TestCase.standardIO(input: $0, expectedOutput: $1) }
            problems.append(Problem(
                id: ProblemID("taco/\(index)"), dataset: .taco, prompt: row.question, style: .standardIO,
                referenceSolution: solution, tests: TestSuite(cases: cases)))
        }
        return problems
    }
}

@Suite(
    .requires(.python3, .sharedDataset("taco/taco_train_subset.jsonl")),
    .timeLimit(.minutes(5)))
struct TACORealDataTests {
    @Test("stdin references reproduce TACO outputs; training records build from real rows")
    func standardIO() async throws {
        let sandbox = try await RealSandbox.shared()
        let runner = ReferenceRunner(sandbox: sandbox, limits: RealSandbox.limits)
        let problems = try TACOFixture.problems(count: 10)
        var total = 0
        var matching = 0
        var sft = 0
        var dpo = 0
        var rng = SplitMix64(seed: 42)
        for problem in problems {
            let truth = GroundTruthTests.convert(problem).tests
            let results = try await runner.results(
                reference: problem.referenceSolution ?? "", style: .standardIO, inputs: truth.map(\.input))
            total += truth.count
            matching += zip(truth, results).count { $0.1.output?.semanticKey == $0.0.output?.semanticKey }
            sft += TCGTrainingData.sftExamples(for: problem, options: .init(testsPerExample: 3), using: &rng).count
            let pairs = TCGTrainingData.dpoPairs(for: problem, options: .init(testsPerExample: 3), using: &rng)
            #expect(pairs.allSatisfy { $0.record.chosen != $0.record.rejected })
            dpo += pairs.count
        }
        print("TACO stdin check: \(matching)/\(total) outputs reproduced over \(problems.count) problems; \(sft) SFT records, \(dpo) DPO pairs")
        #expect(problems.count == 10)
        #expect(Double(matching) >= 0.8 * Double(total))
        #expect(sft == problems.count)
        #expect(dpo >= problems.count)
    }
}
