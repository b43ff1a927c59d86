import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import TestGeneration

/// MBPP rows read directly (the Datasets loader is built elsewhere): enough for measurements on
/// real problems with the real sandbox.
enum MBPPFixture {
    static var path: String { TestEnvironment.sharedDataset("mbpp/mbpp.jsonl") }

    struct Row: Decodable {
        var text: String
        var code: String
        var taskID: Int
        var testList: [String]
        var testSetupCode: String
        enum CodingKeys: String, CodingKey {
            case text, code
            case taskID = "task_id"
            case testList = "test_list"
            case testSetupCode = "test_setup_code"
        }
    }

    /// The first `count` problems of MBPP's test split (task ids 11–510).
    static func problems(count: Int) throws -> [Problem] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        return text.split(separator: "\n").compactMap { line -> Problem? in
            guard let row = try? decoder.decode(Row.self, from: Data(line.utf8)), (11...510).contains(row.taskID),
                let first = row.testList.first, let open = first.firstIndex(of: "(")
            else { return nil }
            let entry = first.dropFirst("assert ".count)[..<open].trimmingWhitespace()
            return Problem(
                id: ProblemID("Mbpp/\(row.taskID)"), dataset: .mbpp, prompt: row.text + "\n" + first,
                style: .function(entryPoint: entry), referenceSolution: row.code,
                tests: TestSuite(setup: row.testSetupCode, cases: row.testList.map { .assertion($0) }))
        }.prefix(count).map { $0 }
    }
}

@Suite(
    .requires(.python3, .sharedDataset("mbpp/mbpp.jsonl")),
    .timeLimit(.minutes(5)))
struct MBPPRealDataTests {
    @Test("the call driver reproduces MBPP's expected values from the reference on its own inputs")
    func driverMatchesGroundTruth() async throws {
        let sandbox = try await RealSandbox.shared()
        let runner = ReferenceRunner(sandbox: sandbox, limits: RealSandbox.limits)
        var converted = 0
        var matching = 0
        for problem in try MBPPFixture.problems(count: 30) {
            let truth = GroundTruthTests.convert(problem).tests
            converted += truth.count
            let results = try await runner.results(
                reference: problem.referenceSolution ?? "", style: problem.style, inputs: truth.map(\.input))
            for (test, result) in zip(truth, results) where result.output?.semanticKey == test.output?.semanticKey {
                matching += 1
            }
        }
        print("MBPP driver check: \(matching)/\(converted) converted assertions reproduced by the reference")
        #expect(converted >= 60)
        #expect(Double(matching) >= 0.95 * Double(converted))
    }

    @Test("mutants on MBPP: compile, kept ones fail ground truth; fewer tests discriminate less")
    func mutantsAndDiscrimination() async throws {
        let sandbox = try await RealSandbox.shared()
        let generator = MutantGenerator(sandbox: sandbox, limits: RealSandbox.limits)
        let evaluator = TestQualityEvaluator(sandbox: sandbox, limits: RealSandbox.limits)
        var generated = 0
        var evaluated = 0
        var oneTest: [DiscriminationRecord] = []
        var allTests: [DiscriminationRecord] = []
        for problem in try MBPPFixture.problems(count: 15) {
            let report = try await generator.knownWrongMutants(of: problem, maxKnownWrong: 5, maxEvaluations: 15, seed: 1)
            generated += report.generated
            evaluated += report.evaluated
            let truth = GroundTruthTests.convert(problem).tests.compactMap { $0.testCase() }
            guard report.referencePasses, !truth.isEmpty else { continue }
            for wrong in report.knownWrong {
                #expect(!(try await evaluator.passes(wrong.program, problem.tests, entryPoint: problem.entryPoint)))
            }
            let single = TestSuite(setup: problem.tests.setup, cases: Array(truth.prefix(1)))
            let full = TestSuite(setup: problem.tests.setup, cases: truth)
            oneTest.append(try await evaluator.discrimination(
                problemID: problem.id, entryPoint: problem.entryPoint, generatedSuite: single, wrongSolutions: report.knownWrong))
            allTests.append(try await evaluator.discrimination(
                problemID: problem.id, entryPoint: problem.entryPoint, generatedSuite: full, wrongSolutions: report.knownWrong))
        }
        let weak = DiscriminationSummary(oneTest)
        let strong = DiscriminationSummary(allTests)
        print("MBPP mutants: generated \(generated), evaluated \(evaluated), known-wrong \(strong.wrongSolutions); discrimination 1 test \(weak.micro ?? -1), all converted tests \(strong.micro ?? -1)")
        #expect(strong.wrongSolutions > 20)
        #expect((strong.micro ?? 0) >= (weak.micro ?? 1))
        #expect((strong.micro ?? 0) > 0.9)
    }
}
