public import Execution
public import Inference
public import O1CoderCore

/// Settings of one TCG run; recorded with its results.
public struct TestGenerationConfiguration: Codable, Sendable, Hashable {
    /// Tests asked for in each prompt.
    public var testsPerCompletion: Int
    /// Completions sampled per problem (sample `i` uses seed `sampling.seed + i`).
    public var completionsPerProblem: Int
    /// Cap on kept tests per problem (first come, first kept).
    public var maxTests: Int
    public var sampling: SamplingParameters
    /// Show the reference solution in the prompt when there is one.
    public var includeReference: Bool
    /// Prepend the worked example turn.
    public var includeExample: Bool
    /// Limits of each sandbox execution of the reference solution.
    public var limits: ExecutionLimits
    /// Time allowed per call of the reference (function tasks).
    public var perCaseTimeout: Duration

    public init(
        testsPerCompletion: Int = 5, completionsPerProblem: Int = 1, maxTests: Int = 20,
        sampling: SamplingParameters = SamplingParameters(temperature: 0.7, maxTokens: 768),
        includeReference: Bool = true, includeExample: Bool = true,
        limits: ExecutionLimits = .default, perCaseTimeout: Duration = .seconds(2)
    ) {
        self.testsPerCompletion = testsPerCompletion
        self.completionsPerProblem = completionsPerProblem
        self.maxTests = maxTests
        self.sampling = sampling
        self.includeReference = includeReference
        self.includeExample = includeExample
        self.limits = limits
        self.perCaseTimeout = perCaseTimeout
    }
}

/// The generated tests of one problem, ready to run, with the counts of how they were obtained.
public struct GeneratedTests: Codable, Sendable, Hashable {
    public var problemID: ProblemID
    public var mode: TestGenerationMode
    /// Kept tests, each with its expected output.
    public var tests: [ProposedTest]
    /// The kept tests as a suite (setup, preamble and comparison taken from the problem's own).
    public var suite: TestSuite
    public var report: GenerationReport
    /// The raw completions, for the record.
    public var completions: [String]
}

/// The test-case generator: the model proposes tests, the sandbox supplies expected outputs
/// from the reference solution (inputs-only mode) or the model's outputs are kept (full mode).
public struct TestCaseGenerator: Sendable {
    public var model: any LanguageModel
    public var sandbox: any Sandbox
    public var configuration: TestGenerationConfiguration

    public init(model: any LanguageModel, sandbox: any Sandbox, configuration: TestGenerationConfiguration = .init()) {
        self.model = model
        self.sandbox = sandbox
        self.configuration = configuration
    }

    /// Generates tests for `problem`. `mode` nil picks ``TestGenerationMode/automatic(for:)``.
    /// Throws only when the model or the sandbox tool fails.
    public func generate(for problem: Problem, mode: TestGenerationMode? = nil) async throws -> GeneratedTests {
        let mode = mode ?? .automatic(for: problem)
        if mode == .inputsOnly && problem.referenceSolution == nil {
            var report = GenerationReport(problemID: problem.id, mode: mode)
            report.skippedReason = "inputs-only mode needs a reference solution"
            return assemble(problem: problem, mode: mode, tests: [], report: report, completions: [])
        }
        let messages = TestGenerationPrompt.messages(
            for: problem, mode: mode, count: configuration.testsPerCompletion,
            includeReference: configuration.includeReference, includeExample: configuration.includeExample)
        let request = GenerationRequest(
            prompt: .chat(messages), parameters: configuration.sampling,
            n: max(1, configuration.completionsPerProblem), wantsLogProbs: false)
        let completions = try await model.generate(request).completions.map(\.text)
        return try await process(completions: completions, for: problem, mode: mode)
    }

    /// Parses, de-duplicates and validates already generated completions (also used to
    /// re-process stored generations).
    public func process(completions: [String], for problem: Problem, mode: TestGenerationMode) async throws -> GeneratedTests {
        var report = GenerationReport(problemID: problem.id, mode: mode)
        report.completions = completions.count
        let parser = TestBlockParser(problem: problem, mode: mode)
        var unique: [ProposedTest] = []
        var seen = Set<String>()
        for completion in completions {
            for block in parser.parse(completion) {
                report.proposed += 1
                switch block.outcome {
                case .rejected(let failure):
                    report.record(failure)
                case .parsed(let test):
                    report.parsed += 1
                    if seen.insert(test.deduplicationKey).inserted {
                        unique.append(test)
                    } else {
                        report.duplicates += 1
                    }
                }
            }
        }
        var valid: [ProposedTest] = []
        if mode == .inputsOnly, let reference = problem.referenceSolution {
            let runner = ReferenceRunner(
                sandbox: sandbox, limits: configuration.limits, perCaseTimeout: configuration.perCaseTimeout)
            let results = try await runner.results(reference: reference, style: problem.style, inputs: unique.map(\.input))
            for (test, result) in zip(unique, results) {
                if let output = result.output {
                    valid.append(test.with(output: output))
                } else {
                    report.record(result)
                }
            }
        } else {
            valid = unique
        }
        let kept = Array(valid.prefix(max(0, configuration.maxTests)))
        report.overLimit = valid.count - kept.count
        report.kept = kept.count
        return assemble(problem: problem, mode: mode, tests: kept, report: report, completions: completions)
    }

    private func assemble(
        problem: Problem, mode: TestGenerationMode, tests: [ProposedTest], report: GenerationReport,
        completions: [String]
    ) -> GeneratedTests {
        let suite = TestSuite(
            setup: problem.tests.setup, preamble: problem.tests.preamble, cases: tests.compactMap { $0.testCase() },
            comparison: problem.tests.comparison)
        return GeneratedTests(
            problemID: problem.id, mode: mode, tests: tests, suite: suite, report: report, completions: completions)
    }
}
