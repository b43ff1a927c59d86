public import Datasets
public import Execution
internal import Foundation
public import O1CoderCore

/// Computes EvalPlus expected outputs by running each reference solution in the sandbox, as
/// EvalPlus does with `canonical_solution`, and turns the loaded problems' suites into
/// `.call(arguments:, expected: .pythonLiteral(repr), group: .base/.plus)` tests.
///
/// - Each problem's inputs are run in batches (raw `Sandbox.run` with ``OracleDriver``'s script;
///   arguments on stdin), so one slow input cannot sink the rest.
/// - An input on which the reference raises, times out or crashes gets no test; it is counted in
///   ``OracleCompletion/skippedInputs``.
/// - Results are cached in `<cacheDirectory>/<sha256 of the dataset file>.json`
///   (default `~/.cache/o1coder/oracle`), written only when every batch ran to completion.
/// - Comparison: `.absoluteTolerance(atol)` when `atol > 0`, else `.exact`.
public struct ExpectedOutputOracle: Sendable {
    public var sandbox: any Sandbox
    /// Limits for one batch.
    public var limits: ExecutionLimits
    public var workers: Int
    public var batchSize: Int
    /// `nil` disables the cache.
    public var cacheDirectory: String?

    /// Generous limits for trusted reference code: 60 s CPU and 256 MiB of output per batch.
    public static let defaultLimits = ExecutionLimits(
        cpuSeconds: 60, memory: .gibibytes(2), output: .mebibytes(256), processes: 64, openFiles: 64)

    /// `~/.cache/o1coder/oracle` (or `$XDG_CACHE_HOME/o1coder/oracle`).
    public static var defaultCacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.cache")
        return base + "/o1coder/oracle"
    }

    public init(
        sandbox: any Sandbox, limits: ExecutionLimits = ExpectedOutputOracle.defaultLimits, workers: Int = 2,
        batchSize: Int = 250, cacheDirectory: String? = ExpectedOutputOracle.defaultCacheDirectory
    ) {
        self.sandbox = sandbox
        self.limits = limits
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.cacheDirectory = cacheDirectory
    }

    /// Replaces the suites of `result`'s EvalPlus problems with oracle-computed call tests.
    /// Problems without EvalPlus inputs are returned unchanged.
    public func complete(_ result: LoadResult, progress: @escaping ProgressHandler = { _ in }) async throws -> OracleCompletion {
        guard result.needsOracle else { return OracleCompletion(problems: result.problems, usedCache: false) }
        let cachePath = cacheDirectory.map { "\($0)/\(result.sha256).json" }
        var outputs: [String: OracleCache.Entry]
        var usedCache = false
        if let cachePath, let cached = OracleCache.load(path: cachePath, datasetSHA256: result.sha256) {
            outputs = cached.outputs
            usedCache = true
        } else {
            let (computed, complete) = try await compute(result, progress: progress)
            outputs = computed
            if complete, let cachePath {
                try OracleCache(datasetSHA256: result.sha256, outputs: computed).write(to: cachePath)
            }
        }
        var problems: [Problem] = []
        var skipped: [ProblemID: Int] = [:]
        for var problem in result.problems {
            defer { problems.append(problem) }
            guard let inputs = result.evalPlusInputs[problem.id] else { continue }
            let entry = outputs[problem.id.rawValue] ?? OracleCache.Entry(base: [], plus: [])
            var cases: [TestCase] = []
            var missing = 0
            for (group, arguments, expected) in [
                (TestGroup.base, inputs.base, entry.base), (TestGroup.plus, inputs.plus, entry.plus),
            ] {
                for (k, argumentList) in arguments.enumerated() {
                    guard k < expected.count, let literal = expected[k] else {
                        missing += 1
                        continue
                    }
                    cases.append(.call(arguments: argumentList, expected: .pythonLiteral(literal), group: group))
                }
            }
            let comparison: Comparison = inputs.absoluteTolerance > 0 ? .absoluteTolerance(inputs.absoluteTolerance) : .exact
            problem.tests = TestSuite(setup: "", preamble: "", cases: cases, comparison: comparison)
            problem.metadata["evalplus.oracle"] = usedCache ? "cached" : "computed"
            if missing > 0 {
                problem.metadata["evalplus.skipped_inputs"] = String(missing)
                skipped[problem.id] = missing
            }
        }
        return OracleCompletion(problems: problems, skippedInputs: skipped, usedCache: usedCache)
    }

    private struct Batch: Sendable {
        var problemID: ProblemID
        var program: String
        var group: TestGroup
        var offset: Int
        var arguments: [String]
    }

    private struct BatchResult: Sendable {
        var batch: Batch
        var outputs: [String?]
        var isComplete: Bool
    }

    /// Runs every batch; returns outputs per task and whether every batch completed.
    private func compute(_ result: LoadResult, progress: @escaping ProgressHandler) async throws
        -> ([String: OracleCache.Entry], Bool)
    {
        var batches: [Batch] = []
        for problem in result.problems {
            guard let inputs = result.evalPlusInputs[problem.id] else { continue }
            guard let solution = problem.referenceSolution, let entryPoint = problem.entryPoint else {
                throw EvaluationError(.unsupported, detail: "\(problem.id) has EvalPlus inputs but no reference solution")
            }
            let program = OracleDriver.program(solution: solution, entryPoint: entryPoint)
            for (group, arguments) in [(TestGroup.base, inputs.base), (TestGroup.plus, inputs.plus)] {
                for start in stride(from: 0, to: arguments.count, by: batchSize) {
                    let slice = Array(arguments[start..<min(start + batchSize, arguments.count)])
                    batches.append(Batch(problemID: problem.id, program: program, group: group, offset: start, arguments: slice))
                }
            }
        }
        let sandbox = self.sandbox
        let limits = self.limits
        let total = batches.count
        var incomplete = 0
        let results = try await concurrentMap(
            batches, maxConcurrency: workers,
            onEach: { completed, batchResult in
                if !batchResult.isComplete { incomplete += 1 }
                progress(EvaluationProgress(phase: "oracle", completed: completed, total: total, failed: incomplete))
            }
        ) { batch -> BatchResult in
            let stdin = "[" + batch.arguments.joined(separator: ", ") + "]"
            let outcome = try await sandbox.run(ExecutionRequest(program: batch.program, stdin: stdin, limits: limits))
            var outputs = OracleDriver.parse(stdout: outcome.stdout)
            let isComplete = outcome.isSuccess && outputs.count == batch.arguments.count && !outcome.stdoutTruncated
            if outputs.count > batch.arguments.count { outputs.removeLast(outputs.count - batch.arguments.count) }
            outputs += [String?](repeating: nil, count: batch.arguments.count - outputs.count)
            return BatchResult(batch: batch, outputs: outputs, isComplete: isComplete)
        }
        var entries: [String: OracleCache.Entry] = [:]
        for problem in result.problems {
            guard let inputs = result.evalPlusInputs[problem.id] else { continue }
            entries[problem.id.rawValue] = OracleCache.Entry(
                base: [String?](repeating: nil, count: inputs.base.count),
                plus: [String?](repeating: nil, count: inputs.plus.count))
        }
        for batchResult in results {
            let batch = batchResult.batch
            let key = batch.problemID.rawValue
            for (k, output) in batchResult.outputs.enumerated() {
                switch batch.group {
                case .base: entries[key]?.base[batch.offset + k] = output
                case .plus: entries[key]?.plus[batch.offset + k] = output
                }
            }
        }
        return (entries, results.allSatisfy(\.isComplete))
    }
}

/// The problems with oracle-computed tests.
public struct OracleCompletion: Sendable {
    public var problems: [Problem]
    /// Inputs that got no test because the reference raised, timed out or crashed on them.
    public var skippedInputs: [ProblemID: Int]
    /// Whether the outputs came from the on-disk cache.
    public var usedCache: Bool

    public init(problems: [Problem], skippedInputs: [ProblemID: Int] = [:], usedCache: Bool) {
        self.problems = problems
        self.skippedInputs = skippedInputs
        self.usedCache = usedCache
    }
}
