internal import Inference
public import O1CoderCore

/// Pure builders of TCG training data from problems with ground-truth tests and a reference
/// solution (O1-CODER §2.3 SFT and §2.5 DPO, with decisions D9 and D10).
public enum TCGTrainingData {
    /// The ground-truth tests eligible for sampling (convertible and under the case cap).
    public static func eligibleTests(of problem: Problem, options: TCGTrainingOptions) -> [ProposedTest] {
        GroundTruthTests.convert(problem).tests.filter {
            TestBlockFormat.render($0, entryPoint: problem.entryPoint).count <= options.maxCaseCharacters
        }
    }

    /// Distinct seeded samples (without replacement) of `testsPerExample` eligible tests.
    static func samples(
        of tests: [ProposedTest], options: TCGTrainingOptions, using rng: inout some RandomNumberGenerator
    ) -> [[ProposedTest]] {
        guard !tests.isEmpty, options.testsPerExample > 0 else { return [] }
        let size = min(options.testsPerExample, tests.count)
        var seen = Set<[String]>()
        var result: [[ProposedTest]] = []
        // A few extra tries so that small problems still give distinct samples when they can.
        for _ in 0..<(max(0, options.examplesPerProblem) * 3) where result.count < options.examplesPerProblem {
            let sample = Array(tests.shuffled(using: &rng).prefix(size))
            if seen.insert(sample.map(\.deduplicationKey).sorted()).inserted { result.append(sample) }
        }
        return result
    }

    static func prompt(for problem: Problem, count: Int, options: TCGTrainingOptions) -> [ChatMessage] {
        TestGenerationPrompt.messages(
            for: problem, mode: options.mode, count: count, includeReference: true,
            includeExample: options.includeExample)
    }

    /// SFT examples: the TCG prompt with the reference solution → well-formed blocks of sampled
    /// ground-truth tests.
    public static func sftExamples(
        for problem: Problem, options: TCGTrainingOptions = .init(), using rng: inout some RandomNumberGenerator
    ) -> [TCGSFTRecord] {
        let tests = uniqueInputs(eligibleTests(of: problem, options: options))
        return samples(of: tests, options: options, using: &rng).compactMap { sample in
            let record = TCGSFTRecord(
                prompt: prompt(for: problem, count: sample.count, options: options),
                completion: [.assistant(TestGenerationPrompt.completion(
                    for: sample, entryPoint: problem.entryPoint, mode: options.mode))])
            return record.characterCount <= options.maxExampleCharacters ? record : nil
        }
    }

    /// DPO pairs: chosen = sampled ground-truth tests (consistent with the reference); rejected
    /// = the same inputs with inconsistent outputs of each kind in `options.negativeKinds`.
    /// A rejected completion never equals the chosen one.
    public static func dpoPairs(
        for problem: Problem, wrongOutputs: [WrongSolutionOutputs] = [], options: TCGTrainingOptions = .init(),
        using rng: inout some RandomNumberGenerator
    ) -> [TCGPreferencePair] {
        let tests = uniqueInputs(eligibleTests(of: problem, options: options))
        var pairs: [TCGPreferencePair] = []
        for sample in samples(of: tests, options: options, using: &rng) {
            let chosenText = TestGenerationPrompt.completion(for: sample, entryPoint: problem.entryPoint, mode: .full)
            let prompt = prompt(for: problem, count: sample.count, options: options)
            var rejectedTexts = Set<String>()
            for kind in options.negativeKinds {
                var negative = negativeTests(kind, for: sample, wrongOutputs: wrongOutputs, using: &rng)
                var usedKind = kind
                if negative == nil, kind == .derangement {
                    negative = negativeTests(.perturbation, for: sample, wrongOutputs: [], using: &rng)
                    usedKind = .perturbation
                }
                guard let negative else { continue }
                let rejectedText = TestGenerationPrompt.completion(
                    for: negative, entryPoint: problem.entryPoint, mode: .full)
                guard rejectedText != chosenText, rejectedTexts.insert(rejectedText).inserted else { continue }
                let record = TCGPreferenceRecord(
                    prompt: prompt, chosen: [.assistant(chosenText)], rejected: [.assistant(rejectedText)])
                guard record.prompt.reduce(0, { $0 + $1.content.count }) + chosenText.count + rejectedText.count
                    <= options.maxExampleCharacters * 2
                else { continue }
                pairs.append(TCGPreferencePair(problemID: problem.id, negative: usedKind, record: record))
            }
        }
        return pairs
    }

    /// The negative tests of one kind for `chosen`, or nil when that kind cannot make one that
    /// differs.
    public static func negativeTests(
        _ kind: DPONegativeKind, for chosen: [ProposedTest], wrongOutputs: [WrongSolutionOutputs],
        using rng: inout some RandomNumberGenerator
    ) -> [ProposedTest]? {
        let outputs = chosen.map(\.output)
        guard outputs.allSatisfy({ $0 != nil }) else { return nil }
        switch kind {
        case .derangement:
            let keys = outputs.map { $0.map(outputKey) ?? "" }
            guard let permutation = Derangement.permutation(of: keys, using: &rng) else { return nil }
            return chosen.indices.map { chosen[$0].with(output: outputs[permutation[$0]]) }
        case .wrongSolution:
            let usable = wrongOutputs.filter { wrong in
                chosen.contains { test in
                    guard let theirs = wrong.outputs[test.deduplicationKey], let ours = test.output else { return false }
                    return outputKey(theirs) != outputKey(ours)
                }
            }
            guard let wrong = usable.randomElement(using: &rng) else { return nil }
            return chosen.map { test in test.with(output: wrong.outputs[test.deduplicationKey] ?? test.output) }
        case .perturbation:
            var order = Array(chosen.indices)
            order.shuffle(using: &rng)
            for index in order {
                guard let output = chosen[index].output,
                    let changed = OutputPerturbation.perturb(output, using: &rng),
                    outputKey(changed) != outputKey(output)
                else { continue }
                var negative = chosen
                negative[index] = chosen[index].with(output: changed)
                return negative
            }
            return nil
        }
    }

    /// Comparable identity of an output: equal when the sandbox would accept one for the other.
    static func outputKey(_ output: ProposedTest.Output) -> String {
        output.semanticKey
    }

    private static func uniqueInputs(_ tests: [ProposedTest]) -> [ProposedTest] {
        var seen = Set<String>()
        return tests.filter { seen.insert($0.deduplicationKey).inserted }
    }

    /// Runs each wrong solution on the inputs of the problem's ground-truth tests (in the
    /// sandbox, through ``ReferenceRunner``) for the `.wrongSolution` negatives.
    public static func wrongOutputs(
        of wrongSolutions: [WrongSolution], problem: Problem, runner: ReferenceRunner
    ) async throws -> [WrongSolutionOutputs] {
        let tests = uniqueInputs(GroundTruthTests.convert(problem).tests)
        var result: [WrongSolutionOutputs] = []
        for wrong in wrongSolutions {
            let outcomes = try await runner.results(reference: wrong.program, style: problem.style, inputs: tests.map(\.input))
            var outputs: [String: ProposedTest.Output] = [:]
            for (test, outcome) in zip(tests, outcomes) {
                if let output = outcome.output { outputs[test.deduplicationKey] = output }
            }
            result.append(WrongSolutionOutputs(label: wrong.label, outputs: outputs))
        }
        return result
    }
}
