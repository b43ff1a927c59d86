import Synchronization
import Inference
import O1CoderCore
import Testing
@testable import TestGeneration

@Suite struct TrainingDataTests {
    @Test("derangements move every value onto a different one", arguments: 0..<50)
    func derangementProperty(_ seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let length = Int.random(in: 2...9, using: &rng)
        let values = (0..<length).map { _ in Int.random(in: 0..<4, using: &rng) }
        let largest = Dictionary(grouping: values, by: { $0 }).values.map(\.count).max() ?? 0

        let permutation = Derangement.permutation(of: values, using: &rng)

        if largest * 2 <= length {
            let p = try #require(permutation, "a derangement exists for \(values)")
            #expect(Derangement.isDerangement(p, of: values), "\(values) -> \(p)")
        } else {
            #expect(permutation == nil, "no derangement exists for \(values)")
        }
    }

    @Test("derangement edge cases")
    func derangementEdges() {
        var rng = SplitMix64(seed: 1)
        #expect(Derangement.permutation(of: [1], using: &rng) == nil)
        #expect(Derangement.permutation(of: [5, 5, 5], using: &rng) == nil)
        #expect(Derangement.permutation(of: [1, 2], using: &rng) == [1, 0])
        #expect(!Derangement.isDerangement([0, 1], of: [1, 2]))
    }

    @Test("perturbations always change the output", arguments: [
        "0", "-7", "2.5", "True", "None", "''", "'abc'", "[]", "[1, 2]", "(1,)", "{'a': 1}", "{}", "{1, 2}",
    ])
    func perturbationsDiffer(_ literal: String) throws {
        let value = try #require(PythonLiteralParser.parse(literal))
        for seed in 0..<20 {
            var rng = SplitMix64(seed: UInt64(seed))
            let changed = try #require(OutputPerturbation.perturb(.value(value), using: &rng))
            #expect(changed != .value(value))
        }
    }

    @Test("stdout perturbations keep the layout and change the text")
    func stdoutPerturbation() {
        var rng = SplitMix64(seed: 3)
        for text in ["6 3", "YES", "a\nb", "x", "10\n20 30"] {
            let changed = OutputPerturbation.perturb(.standardOutput(text), using: &rng)
            #expect(changed != nil && changed != .standardOutput(text), "\(text)")
        }
    }

    @Test("SFT examples sample ground truth without replacement, seeded")
    func sft() throws {
        let options = TCGTrainingOptions(testsPerExample: 3, examplesPerProblem: 2)
        var rng1 = SplitMix64(seed: 9)
        var rng2 = SplitMix64(seed: 9)

        let first = TCGTrainingData.sftExamples(for: Fixtures.addProblem, options: options, using: &rng1)
        let second = TCGTrainingData.sftExamples(for: Fixtures.addProblem, options: options, using: &rng2)

        #expect(first == second)
        #expect(first.count == 2)
        let parser = TestBlockParser(problem: Fixtures.addProblem, mode: .full)
        for example in first {
            let completion = try #require(example.completion.first)
            #expect(completion.role == .assistant)
            let tests = parser.parse(completion.content).compactMap(\.test)
            #expect(tests.count == 3)
            #expect(Set(tests.map(\.deduplicationKey)).count == 3, "no duplicates")
            let truth = Set(GroundTruthTests.convert(Fixtures.addProblem).tests)
            #expect(tests.allSatisfy { truth.contains($0) }, "every test is a ground-truth test")
            #expect(example.prompt.last?.content.contains("def add(a, b)") == true, "reference in the prompt")
        }
    }

    @Test("DPO negatives never equal the chosen completion, for every kind")
    func dpoNegatives() throws {
        let wrong = WrongSolutionOutputs(label: "sub", outputs: Dictionary(uniqueKeysWithValues:
            GroundTruthTests.convert(Fixtures.addProblem).tests.map { test -> (String, ProposedTest.Output) in
                guard case .arguments(let args) = test.input, case .integer(let a) = args[0], case .integer(let b) = args[1]
                else { return (test.deduplicationKey, .value(.none)) }
                return (test.deduplicationKey, .value(.integer(String((Int(a) ?? 0) - (Int(b) ?? 0)))))
            }))
        for problem in [Fixtures.addProblem, Fixtures.sumProblem] {
            for seed in 0..<20 {
                var rng = SplitMix64(seed: UInt64(seed))
                let pairs = TCGTrainingData.dpoPairs(
                    for: problem, wrongOutputs: problem.style == .standardIO ? [] : [wrong],
                    options: TCGTrainingOptions(testsPerExample: 3), using: &rng)

                #expect(!pairs.isEmpty)
                let parser = TestBlockParser(problem: problem, mode: .full)
                for pair in pairs {
                    #expect(pair.record.chosen != pair.record.rejected, "\(pair.negative)")
                    // Not just different text: at least one output the comparator would reject.
                    let chosen = parser.parse(pair.record.chosen.first?.content ?? "").compactMap(\.test)
                    let rejected = parser.parse(pair.record.rejected.first?.content ?? "").compactMap(\.test)
                    #expect(chosen.map(\.input) == rejected.map(\.input))
                    #expect(chosen.map { $0.output?.semanticKey } != rejected.map { $0.output?.semanticKey })
                    #expect(pair.record.chosen.first?.role == .assistant)
                }
                if problem.style != .standardIO {
                    #expect(Set(pairs.map(\.negative)) == Set(DPONegativeKind.allCases))
                }
            }
        }
    }

    @Test("when all outputs are equal the derangement falls back to a perturbation")
    func dpoFallback() throws {
        let problem = Problem(
            id: "test/const", dataset: .mbpp, prompt: "def one(x): return 1", style: .function(entryPoint: "one"),
            referenceSolution: "def one(x):\n    return 1\n",
            tests: TestSuite(cases: [
                .call(arguments: "[1]", expected: .json("1")), .call(arguments: "[2]", expected: .json("1")),
                .call(arguments: "[3]", expected: .json("1")),
            ]))
        var rng = SplitMix64(seed: 4)

        let pairs = TCGTrainingData.dpoPairs(
            for: problem, options: TCGTrainingOptions(negativeKinds: [.derangement]), using: &rng)

        let pair = try #require(pairs.first)
        #expect(pairs.count == 1)
        #expect(pair.negative == .perturbation)
        #expect(pair.record.chosen != pair.record.rejected)
    }

    @Test("semantic equality follows Python's ==")
    func semanticKeys() throws {
        func key(_ text: String) throws -> String { try #require(PythonLiteralParser.parse(text)).semanticKey }
        #expect(try key("240") == key("240.0"))
        #expect(try key("True") == key("1"))
        #expect(try key("(1, [2])") == key("[1, (2,)]"))
        #expect(try key("{'a': 1, 'b': 2}") == key("{'b': 2, 'a': 1}"))
        #expect(try key("{3, 1}") == key("{1, 3}"))
        #expect(try key("1") != key("'1'"))
        #expect(try key("0.5") != key("0"))
    }

    @Test("records encode in TRL's conversational formats")
    func trlFormat() throws {
        var rng = SplitMix64(seed: 2)
        let pair = try #require(TCGTrainingData.dpoPairs(for: Fixtures.sumProblem, using: &rng).first)
        let json = String(decoding: try JSONEncoderForTests.encode(pair.record), as: UTF8.self)
        #expect(json.hasPrefix("{\"chosen\":[{\"content\":"))
        #expect(json.contains("\"rejected\":[{") && json.contains("\"prompt\":[{") && json.contains("\"role\":\"system\""))
    }
}
