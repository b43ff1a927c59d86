public import Execution
internal import Foundation
public import O1CoderCore

/// One operator or constant mutant of a program, as written by `mutate.py`.
public struct Mutant: Codable, Sendable, Hashable {
    public var id: Int
    /// `binop`, `compare`, `boolop`, `bool`, `const+1`, `const-1`, `slice+1`, `slice-1`.
    public var kind: String
    /// Source line of the mutated node (0 when unknown).
    public var line: Int
    /// The whole mutated program (`ast.unparse` output; it compiles).
    public var source: String

    public var label: String { "\(kind)@\(line)" }
}

/// What mutant generation for one problem produced.
public struct MutantReport: Sendable, Hashable {
    /// Whether the reference passes its own ground truth (if not, no mutant can be called wrong).
    public var referencePasses: Bool
    public var generated: Int
    /// Mutants run against ground truth.
    public var evaluated: Int
    /// Mutants that fail ground truth: known-wrong solutions.
    public var knownWrong: [WrongSolution]
    /// Evaluated mutants that pass ground truth (equivalent mutants or weak ground truth).
    public var survivors: Int
}

/// Makes known-wrong solutions by mutating a reference solution (`+`↔`-`, `*`↔`//`, `<`↔`<=`,
/// `>`↔`>=`, `==`↔`!=`, `and`↔`or`, `n`→`n±1`, `True`↔`False`, slice bounds ±1) and keeping the
/// mutants that fail the ground-truth tests. The mutation script runs in the sandbox.
public struct MutantGenerator: Sendable {
    public var sandbox: any Sandbox
    public var limits: ExecutionLimits

    public init(sandbox: any Sandbox, limits: ExecutionLimits = .default) {
        self.sandbox = sandbox
        self.limits = limits
    }

    /// All distinct compiling mutants of `source` (at most `limit`), in AST walk order.
    public func mutants(of source: String, limit: Int = 500) async throws -> [Mutant] {
        let script = try PythonScripts.mutate()
        let payload = PythonScripts.jsonPayload(["source": .string(source), "limit": .integer(limit)])
        let outcome = try await sandbox.run(ExecutionRequest(program: script, stdin: payload, limits: limits))
        guard outcome.isSuccess else {
            if case .exited(code: 1) = outcome.termination, outcome.stderr.contains("SyntaxError") {
                return []  // the source itself does not parse: it has no mutants
            }
            throw TestGenerationError(.mutationScriptFailed, "\(outcome.termination)")
        }
        let decoder = JSONDecoder()
        return outcome.stdout.split(separator: "\n").compactMap { line in
            try? decoder.decode(Mutant.self, from: Data(line.utf8))
        }
    }

    /// Up to `maxKnownWrong` mutants of the problem's reference that fail its ground truth,
    /// tried in a seeded random order; at most `maxEvaluations` sandbox evaluations.
    public func knownWrongMutants(
        of problem: Problem, maxKnownWrong: Int = 10, maxEvaluations: Int = 40, seed: UInt64 = 0
    ) async throws -> MutantReport {
        var report = MutantReport(referencePasses: false, generated: 0, evaluated: 0, knownWrong: [], survivors: 0)
        guard let reference = problem.referenceSolution, !problem.tests.cases.isEmpty else { return report }
        let referenceReport = try await sandbox.evaluate(
            program: reference, suite: problem.tests, entryPoint: problem.entryPoint, limits: limits)
        report.referencePasses = referenceReport.verdict.isPassed
        guard report.referencePasses else { return report }
        var all = try await mutants(of: reference)
        report.generated = all.count
        var rng = SeedDerivation.generator(seed, key: problem.id.rawValue)
        all.shuffle(using: &rng)
        for mutant in all {
            guard report.knownWrong.count < maxKnownWrong, report.evaluated < maxEvaluations else { break }
            let result = try await sandbox.evaluate(
                program: mutant.source, suite: problem.tests, entryPoint: problem.entryPoint, limits: limits)
            report.evaluated += 1
            switch result.verdict {
            case .passed: report.survivors += 1
            case .sandboxError: continue
            default: report.knownWrong.append(WrongSolution(program: mutant.source, source: .mutant, label: mutant.label))
            }
        }
        return report
    }
}
