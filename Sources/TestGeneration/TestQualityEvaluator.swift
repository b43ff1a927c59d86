public import Execution
public import O1CoderCore

/// All quality measurements of one problem's generated tests.
public struct TestQualityRecord: Codable, Sendable, Hashable {
    public var problemID: ProblemID
    /// Pass rate of the generated tests on the reference (nil without a reference solution).
    public var passRate: ReferencePassRecord?
    public var discrimination: DiscriminationRecord
    public var agreement: AgreementMatrix
    /// Mutants generated / evaluated / kept as known-wrong.
    public var mutantsGenerated: Int
    public var mutantsEvaluated: Int
}

/// The quality metrics over many problems.
public struct TestQualitySummary: Codable, Sendable, Hashable {
    public var passRate: PassRateSummary
    public var discrimination: DiscriminationSummary
    public var agreement: AgreementMatrix

    public init(_ records: [TestQualityRecord]) {
        passRate = PassRateSummary(records.compactMap(\.passRate))
        discrimination = DiscriminationSummary(records.map(\.discrimination))
        agreement = records.reduce(AgreementMatrix()) { $0 + $1.agreement }
    }
}

/// Runs generated tests against the reference, known-wrong solutions and candidates.
public struct TestQualityEvaluator: Sendable {
    public var sandbox: any Sandbox
    public var limits: ExecutionLimits

    public init(sandbox: any Sandbox, limits: ExecutionLimits = .default) {
        self.sandbox = sandbox
        self.limits = limits
    }

    /// Whether `program` passes every test of `suite`; an empty suite passes everything.
    public func passes(_ program: String, _ suite: TestSuite, entryPoint: String?) async throws -> Bool {
        guard !suite.cases.isEmpty else { return true }
        return try await sandbox.evaluate(program: program, suite: suite, entryPoint: entryPoint, limits: limits)
            .verdict.isPassed
    }

    /// The paper's metric for one problem: generated tests passed by the reference.
    public func passRecord(problem: Problem, generated: GeneratedTests) async throws -> ReferencePassRecord? {
        guard let reference = problem.referenceSolution else { return nil }
        var passed = 0
        if !generated.suite.cases.isEmpty {
            let report = try await sandbox.evaluate(
                program: reference, suite: generated.suite, entryPoint: problem.entryPoint, limits: limits)
            passed = report.passedCount
        }
        return ReferencePassRecord(
            problemID: problem.id, evaluated: generated.suite.cases.count, passed: passed,
            unparsable: generated.report.unparsable)
    }

    /// The samples among `programs` that fail the problem's ground truth (known wrong).
    public func knownWrongSamples(_ programs: [String], problem: Problem) async throws -> [WrongSolution] {
        var wrong: [WrongSolution] = []
        for program in programs where !(try await passes(program, problem.tests, entryPoint: problem.entryPoint)) {
            wrong.append(WrongSolution(program: program, source: .sample))
        }
        return wrong
    }

    /// How many of `wrongSolutions` the generated suite rejects.
    public func discrimination(
        problemID: ProblemID, entryPoint: String?, generatedSuite: TestSuite, wrongSolutions: [WrongSolution]
    ) async throws -> DiscriminationRecord {
        var outcomes: [(source: WrongSolutionSource, isRejected: Bool)] = []
        for wrong in wrongSolutions {
            outcomes.append((wrong.source, !(try await passes(wrong.program, generatedSuite, entryPoint: entryPoint))))
        }
        return DiscriminationRecord(problemID: problemID, outcomes: outcomes)
    }

    /// Verdict agreement between the generated suite and ground truth over `candidates`.
    public func agreement(problem: Problem, generatedSuite: TestSuite, candidates: [String]) async throws -> AgreementMatrix {
        var matrix = AgreementMatrix()
        for candidate in candidates {
            matrix.record(
                passesGenerated: try await passes(candidate, generatedSuite, entryPoint: problem.entryPoint),
                passesGroundTruth: try await passes(candidate, problem.tests, entryPoint: problem.entryPoint))
        }
        return matrix
    }

    /// All metrics for one problem. Wrong solutions are the `failingSamples` that really fail
    /// ground truth plus up to `maxMutants` known-wrong mutants of the reference. Agreement is
    /// measured over `candidates`, the reference and those wrong solutions (distinct programs).
    public func evaluate(
        problem: Problem, generated: GeneratedTests, failingSamples: [String] = [], candidates: [String] = [],
        maxMutants: Int = 10, seed: UInt64 = 0
    ) async throws -> TestQualityRecord {
        let passRate = try await passRecord(problem: problem, generated: generated)
        var wrong = try await knownWrongSamples(failingSamples, problem: problem)
        var mutantReport = MutantReport(referencePasses: false, generated: 0, evaluated: 0, knownWrong: [], survivors: 0)
        if maxMutants > 0 {
            mutantReport = try await MutantGenerator(sandbox: sandbox, limits: limits)
                .knownWrongMutants(of: problem, maxKnownWrong: maxMutants, maxEvaluations: maxMutants * 4, seed: seed)
            wrong += mutantReport.knownWrong
        }
        let discrimination = try await discrimination(
            problemID: problem.id, entryPoint: problem.entryPoint, generatedSuite: generated.suite,
            wrongSolutions: wrong)
        var seen = Set<String>()
        var matrix = AgreementMatrix()
        for candidate in candidates where seen.insert(candidate).inserted {
            matrix.record(
                passesGenerated: try await passes(candidate, generated.suite, entryPoint: problem.entryPoint),
                passesGroundTruth: try await passes(candidate, problem.tests, entryPoint: problem.entryPoint))
        }
        if let reference = problem.referenceSolution, seen.insert(reference).inserted {
            matrix.record(
                passesGenerated: try await passes(reference, generated.suite, entryPoint: problem.entryPoint),
                passesGroundTruth: try await passes(reference, problem.tests, entryPoint: problem.entryPoint))
        }
        // Wrong solutions fail ground truth by construction; only the generated verdict is new.
        let rejectedWrong = discrimination.rejected
        let distinctWrong = wrong.filter { seen.insert($0.program).inserted }
        if distinctWrong.count == wrong.count {
            matrix.falsePositives += wrong.count - rejectedWrong
            matrix.trueNegatives += rejectedWrong
        } else {
            for solution in distinctWrong {
                let passesGenerated = try await passes(solution.program, generated.suite, entryPoint: problem.entryPoint)
                matrix.record(passesGenerated: passesGenerated, passesGroundTruth: false)
            }
        }
        return TestQualityRecord(
            problemID: problem.id, passRate: passRate, discrimination: discrimination, agreement: matrix,
            mutantsGenerated: mutantReport.generated, mutantsEvaluated: mutantReport.evaluated)
    }
}
