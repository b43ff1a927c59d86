import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Datasets

/// Loads the real benchmark files: HumanEval (make test installs it) and ../shared/datasets
/// (skipped, saying so, where absent); `TestEnvironment` says where they are looked for.
@Suite struct RealDatasetTests {
    let loader = DatasetLoader()

    @Test("HumanEval: 164 problems", .requires(.humanEval))
    func humanEval() throws {
        let result = try loader.loadProblems(dataset: .humaneval, path: TestEnvironment.humanEvalPath)
        #expect(result.problems.count == 164)
        #expect(result.sha256 == "b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef")
        #expect(Set(result.problems.map(\.id)).count == 164)
    }

    @Test("MBPP: 974 problems, splits 10/500/90/374, every entry point found", .requires(.sharedDataset("mbpp/mbpp.jsonl")))
    func mbpp() throws {
        let path = TestEnvironment.sharedDataset("mbpp/mbpp.jsonl")
        let result = try loader.loadProblems(dataset: .mbpp, path: path)
        #expect(result.problems.count == 974)
        #expect(result.sha256 == "ccf64ceae9c5403bf50a044cb6d505bfd2a2963ee58338ba268fd65beab92a9f")
        var sizes: [String: Int] = [:]
        for problem in result.problems { sizes[problem.split ?? "none", default: 0] += 1 }
        #expect(sizes == ["prompt": 10, "test": 500, "validation": 90, "train": 374])
        for problem in result.problems {
            let entry = try #require(problem.entryPoint)
            #expect(problem.referenceSolution?.contains("def \(entry)") == true, "\(problem.id): \(entry)")
        }
        let test = try loader.loadProblems(dataset: .mbpp, path: path, options: .init(mbppSplits: [.test]))
        #expect(test.problems.count == 500)
        let challenge = try loader.loadProblems(dataset: .mbpp, path: path, options: .init(includeChallengeTests: true))
        #expect(challenge.problems.count { $0.tests.count > 3 } == 11)
    }

    @Test("Sanitized MBPP: 427 problems", .requires(.sharedDataset("mbpp/sanitized-mbpp.json")))
    func sanitized() throws {
        let result = try loader.loadProblems(dataset: .mbppSanitized, path: TestEnvironment.sharedDataset("mbpp/sanitized-mbpp.json"))
        #expect(result.problems.count == 427)
        for problem in result.problems {
            let entry = try #require(problem.entryPoint)
            #expect(problem.referenceSolution?.contains("def \(entry)") == true, "\(problem.id): \(entry)")
        }
    }

    @Test("MBPP+: 378 problems with inputs", .requires(.sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz")))
    func mbppPlus() throws {
        let result = try loader.loadProblems(dataset: .mbppPlus, path: TestEnvironment.sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz"))
        #expect(result.problems.count == 378)
        #expect(result.evalPlusInputs.count == 378)
        #expect(result.evalPlusInputs.values.reduce(0) { $0 + $1.plus.count } == 39_841)
        // MBPP's splits by task id: MBPP+ holds 108 MBPP train tasks; its test split is 224 tasks.
        #expect(Dictionary(grouping: result.problems, by: { $0.split ?? "-" }).mapValues(\.count) == ["test": 224, "train": 108, "validation": 39, "prompt": 7])
        let test = try loader.loadProblems(
            dataset: .mbppPlus, path: TestEnvironment.sharedDataset("evalplus/MbppPlus-v0.2.0.jsonl.gz"), options: LoadOptions(mbppSplits: [.test]))
        #expect(test.problems.count == 224 && test.evalPlusInputs.count == 224)
    }

    @Test("HumanEval+: 164 problems, 122 683 plus inputs", .requires(.sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz")))
    func humanEvalPlus() throws {
        let result = try loader.loadProblems(dataset: .humanevalPlus, path: TestEnvironment.sharedDataset("evalplus/HumanEvalPlus-v0.1.10.jsonl.gz"))
        #expect(result.problems.count == 164)
        #expect(result.evalPlusInputs.values.reduce(0) { $0 + $1.plus.count } == 122_683)
    }

    @Test("TACO: 70 problems", .requires(.sharedDataset("taco/taco_train_subset.jsonl")))
    func taco() throws {
        let result = try loader.loadProblems(dataset: .taco, path: TestEnvironment.sharedDataset("taco/taco_train_subset.jsonl"))
        #expect(result.problems.count == 70)
        #expect(result.problems.count { $0.metadata["verification"] == "pass" } == 29)
        #expect(result.problems.count { $0.tests.cases.isEmpty } == 2)
    }

    @Test("APPS: 86 problems, 31 stdin/stdout", .requires(.sharedDataset("apps/apps_selected_subset.jsonl")))
    func apps() throws {
        let result = try loader.loadProblems(dataset: .apps, path: TestEnvironment.sharedDataset("apps/apps_selected_subset.jsonl"))
        #expect(result.problems.count == 86)
        #expect(result.problems.count { $0.style == .standardIO } == 31)
        #expect(result.problems.allSatisfy { $0.tests.count >= 6 })
    }
}
