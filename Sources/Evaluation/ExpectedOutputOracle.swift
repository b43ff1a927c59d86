public import Datasets
public import Execution
internal import Foundation
public import O1CoderCore

/// Computes EvalPlus expected outputs by running each reference solution in the sandbox, as
/// EvalPlus does with `canonical_solution`, and turns the loaded problems' suites into
/// `.call(arguments:, expected: .pythonLiteral(repr), group: .base/.plus)` tests.
///
/// - Each problem's inputs are run in batches (raw `Sandbox.run` with ``OracleDriver``'s script;
///   arguments on stdin), each input under its own CPU limit (``inputSeconds``). A batch that dies
///   keeps the inputs it finished and the rest run again in a fresh batch; one that finished none
///   is split in halves; a single input that still dies is recorded as crashed. So one slow or
///   fatal input costs only itself.
/// - An input on which the reference raises, times out or crashes gets no test; it is counted in
///   ``OracleCompletion/skippedInputs``.
/// - MBPP+ inputs are converted first (``EvalPlusInputConversion``); the suite's setup then
///   converts the `.call` arguments the same way for the program under test.
/// - Results are cached per problem in `<cacheDirectory>/<sha256 of the dataset file>.json`
///   (default `~/.cache/o1coder/oracle`); a later run computes only the problems missing, and
///   problems touched by a sandbox failure are not written.
/// - Comparison: `.absoluteTolerance(atol)` when `atol > 0`; else 1e-6 when some expected output
///   is a float or a list of floats (``EvalPlusFloatRule``, as EvalPlus does); else `.exact`.
public struct ExpectedOutputOracle: Sendable {
    public var sandbox: any Sandbox
    /// Limits for one batch.
    public var limits: ExecutionLimits
    public var workers: Int
    public var batchSize: Int
    /// CPU seconds one input may take (EvalPlus sets none for the ground truth; the largest
    /// HumanEval+/MBPP+ inputs take well under a second).
    public var inputSeconds: Double
    /// `nil` disables the cache.
    public var cacheDirectory: String?

    /// Generous limits for trusted reference code: 60 s CPU and 256 MiB of output per batch. The
    /// wall clock is 10× the CPU time, not 3×: on a loaded machine a batch's CPU limit should end
    /// it (its finished inputs are kept), not the wall clock (the sandbox kills the worker, and
    /// the batch's output is lost).
    public static let defaultLimits = ExecutionLimits(
        cpuSeconds: 60, wallSeconds: 600, memory: .gibibytes(2), output: .mebibytes(256), processes: 64, openFiles: 64)

    /// `oracle` in the cache directory (``CacheDirectory/root(environment:)``).
    public static var defaultCacheDirectory: String { CacheDirectory.root() + "/oracle" }

    public init(
        sandbox: any Sandbox, limits: ExecutionLimits = ExpectedOutputOracle.defaultLimits, workers: Int = 2,
        batchSize: Int = 100, inputSeconds: Double = 10,
        cacheDirectory: String? = ExpectedOutputOracle.defaultCacheDirectory
    ) {
        self.sandbox = sandbox
        self.limits = limits
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.inputSeconds = inputSeconds
        self.cacheDirectory = cacheDirectory
    }

    /// Replaces the suites of `result`'s EvalPlus problems with oracle-computed call tests.
    /// Problems without EvalPlus inputs are returned unchanged.
    public func complete(_ result: LoadResult, progress: @escaping ProgressHandler = { _ in }) async throws -> OracleCompletion {
        guard result.needsOracle else { return OracleCompletion(problems: result.problems, usedCache: false) }
        let cachePath = cacheDirectory.map { "\($0)/\(result.sha256).json" }
        var cache = cachePath.flatMap { OracleCache.load(path: $0, datasetSHA256: result.sha256) }
            ?? OracleCache(datasetSHA256: result.sha256, outputs: [:])
        let missing = result.problems.filter { problem in
            guard let inputs = result.evalPlusInputs[problem.id] else { return false }
            guard let entry = cache.outputs[problem.id.rawValue] else { return true }
            return entry.base.count != inputs.base.count || entry.plus.count != inputs.plus.count
        }
        var outputs = cache.outputs
        var cacheWarning: String?
        if !missing.isEmpty {
            let computed = try await compute(missing, inputs: result.evalPlusInputs, progress: progress)
            outputs.merge(computed) { $1 }
            for (key, entry) in computed where entry.isDefinitive { cache.outputs[key] = entry }
            if let cachePath, computed.values.contains(where: \.isDefinitive) {
                // The outputs are in hand: a cache that cannot be written costs a recomputation later, not this run.
                do { try cache.write(to: cachePath) } catch { cacheWarning = "\(error)" }
            }
        }
        var problems: [Problem] = []
        var skipped: [ProblemID: Int] = [:]
        for var problem in result.problems {
            defer { problems.append(problem) }
            guard let inputs = result.evalPlusInputs[problem.id] else { continue }
            let entry = outputs[problem.id.rawValue] ?? OracleCache.Entry(base: [], plus: [])
            var cases: [TestCase] = []
            var missingCount = 0
            for (group, arguments, expected) in [
                (TestGroup.base, inputs.base, entry.base), (TestGroup.plus, inputs.plus, entry.plus),
            ] {
                for (k, argumentList) in arguments.enumerated() {
                    guard k < expected.count, expected[k].status == .ok, let literal = expected[k].value else {
                        missingCount += 1
                        continue
                    }
                    cases.append(.call(arguments: argumentList, expected: .pythonLiteral(literal), group: group))
                }
            }
            let floats = cases.contains { testCase in
                if case .call(_, .pythonLiteral(let literal), _) = testCase { return EvalPlusFloatRule.isFloats(literal) }
                return false
            }
            let comparison: Comparison =
                inputs.absoluteTolerance > 0
                ? .absoluteTolerance(inputs.absoluteTolerance)
                : floats ? .absoluteTolerance(EvalPlusFloatRule.enforcedTolerance) : .exact
            let setup = problem.entryPoint.map { EvalPlusArgumentAdapter.entryPointWrapper(inputs.conversion, entryPoint: $0) } ?? ""
            problem.tests = TestSuite(setup: setup, preamble: "", cases: cases, comparison: comparison)
            problem.metadata["evalplus.oracle"] = missing.contains { $0.id == problem.id } ? "computed" : "cached"
            if inputs.conversion != .none { problem.metadata["evalplus.conversion"] = inputs.conversion.rawValue }
            if missingCount > 0 {
                problem.metadata["evalplus.skipped_inputs"] = String(missingCount)
                skipped[problem.id] = missingCount
            }
        }
        return OracleCompletion(problems: problems, skippedInputs: skipped, usedCache: missing.isEmpty, cacheWarning: cacheWarning)
    }

    private struct Batch: Sendable {
        var problemID: ProblemID
        var program: String
        var group: TestGroup
        var offset: Int
        var arguments: [String]
        var sandboxRetries = 0
    }

    /// What becomes of a batch that died after `finished` inputs: the rest runs again when the
    /// batch made progress; a batch that made none is split in halves (on a loaded machine a whole
    /// batch can outlast its wall clock while each input is fine); a single input that dies is
    /// blamed (crashed), or after a second sandbox failure left unknown.
    private func followUps(_ batch: Batch, finished: Int, termination: ExecutionOutcome.Termination)
        -> [(batch: Batch, blamed: Bool, sandboxFailure: Bool)]
    {
        var sandboxFailure = false
        if case .sandboxError = termination { sandboxFailure = true }
        if finished > 0 {
            var rest = batch
            rest.offset += finished
            rest.arguments = Array(batch.arguments.dropFirst(finished))
            return [(rest, false, false)]
        }
        if batch.arguments.count > 1 {
            let half = batch.arguments.count / 2
            var first = batch
            first.arguments = Array(batch.arguments.prefix(half))
            var second = batch
            second.offset += half
            second.arguments = Array(batch.arguments.dropFirst(half))
            return [(first, false, false), (second, false, false)]
        }
        if sandboxFailure, batch.sandboxRetries == 0 {
            var again = batch
            again.sandboxRetries += 1
            return [(again, false, false)]
        }
        return [(batch, true, sandboxFailure)]
    }

    /// Runs every batch until each input has a definitive outcome (or a sandbox failure).
    private func compute(
        _ problems: [Problem], inputs: [ProblemID: EvalPlusInputs], progress: @escaping ProgressHandler
    ) async throws -> [String: OracleCache.Entry] {
        var pending: [Batch] = []
        var entries: [String: OracleCache.Entry] = [:]
        let unknown = OracleCache.Output(status: .sandboxError, value: nil, seconds: 0)
        for problem in problems {
            guard let inputs = inputs[problem.id] else { continue }
            guard let solution = problem.referenceSolution, let entryPoint = problem.entryPoint else {
                throw EvaluationError(.unsupported, detail: "\(problem.id) has EvalPlus inputs but no reference solution")
            }
            entries[problem.id.rawValue] = OracleCache.Entry(
                base: Array(repeating: unknown, count: inputs.base.count), plus: Array(repeating: unknown, count: inputs.plus.count))
            let program = OracleDriver.program(
                solution: solution, entryPoint: entryPoint, conversion: inputs.conversion, inputSeconds: inputSeconds)
            for (group, arguments) in [(TestGroup.base, inputs.base), (TestGroup.plus, inputs.plus)] {
                for start in stride(from: 0, to: arguments.count, by: batchSize) {
                    let slice = Array(arguments[start..<min(start + batchSize, arguments.count)])
                    pending.append(Batch(problemID: problem.id, program: program, group: group, offset: start, arguments: slice))
                }
            }
        }
        var total = pending.count
        var ran = 0
        var died = 0
        // Rounds: every follow-up of a dead batch is smaller, or a single input's one retry, so the rounds end.
        while !pending.isEmpty {
            let round = pending
            pending = []
            let sandbox = self.sandbox
            let limits = self.limits
            let results = try await boundedMap(
                round, limit: workers,
                onEach: { _, _ in
                    ran += 1
                    progress(EvaluationProgress(phase: "oracle", completed: ran, total: total, failed: died))
                }
            ) { batch in
                let stdin = "[" + batch.arguments.joined(separator: ", ") + "]"
                let outcome = try await sandbox.run(ExecutionRequest(program: batch.program, stdin: stdin, limits: limits))
                return (batch, outcome)
            }
            for (batch, outcome) in results {
                let lines = Array(OracleDriver.parse(stdout: outcome.stdout).prefix(batch.arguments.count))
                let key = batch.problemID.rawValue
                for (k, line) in lines.enumerated() {
                    let output = OracleCache.Output(status: line.status, value: line.value, seconds: line.seconds)
                    switch batch.group {
                    case .base: entries[key]?.base[batch.offset + k] = output
                    case .plus: entries[key]?.plus[batch.offset + k] = output
                    }
                }
                if lines.count == batch.arguments.count { continue }
                died += 1
                for follow in followUps(batch, finished: lines.count, termination: outcome.termination) {
                    if follow.blamed {
                        let status: OracleCache.Status = follow.sandboxFailure ? .sandboxError : .crashed
                        let output = OracleCache.Output(status: status, value: nil, seconds: outcome.elapsedSeconds)
                        switch batch.group {
                        case .base: entries[key]?.base[follow.batch.offset] = output
                        case .plus: entries[key]?.plus[follow.batch.offset] = output
                        }
                    } else {
                        total += 1
                        pending.append(follow.batch)
                    }
                }
            }
        }
        return entries
    }
}

/// The problems with oracle-computed tests.
public struct OracleCompletion: Sendable {
    public var problems: [Problem]
    /// Inputs that got no test because the reference raised, timed out or crashed on them.
    public var skippedInputs: [ProblemID: Int]
    /// Whether every output came from the on-disk cache.
    public var usedCache: Bool
    /// Why the cache could not be written, when it could not.
    public var cacheWarning: String?

    public init(problems: [Problem], skippedInputs: [ProblemID: Int] = [:], usedCache: Bool, cacheWarning: String? = nil) {
        self.problems = problems
        self.skippedInputs = skippedInputs
        self.usedCache = usedCache
        self.cacheWarning = cacheWarning
    }
}
