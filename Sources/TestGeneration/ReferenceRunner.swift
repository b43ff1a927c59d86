public import Execution
internal import Foundation
public import O1CoderCore

/// What running the reference solution on one proposed input gave.
public enum ReferenceResult: Sendable, Hashable {
    /// The expected output to keep.
    case output(ProposedTest.Output)
    /// The reference raised, exited non-zero, or did not load.
    case crashed(message: String?)
    case timedOut
    /// The result has no Python-literal form that round-trips (objects, NaN, huge ints), or the
    /// output was truncated.
    case unrepresentable
    /// The sandbox itself failed; the input is not to blame.
    case sandboxFailed(String)

    public var output: ProposedTest.Output? {
        if case .output(let output) = self { return output }
        return nil
    }
}

/// Computes expected outputs by running a reference solution in the sandbox (input-only mode).
///
/// Function tasks: one sandbox run of `call_driver.py` executes the entry point on every
/// argument list (a per-case alarm bounds each call) and prints `repr` of each result; when the
/// run dies part-way (segfault, memory, the whole-run limit), the case in progress is charged
/// and the remaining cases run again in a fresh execution. stdin tasks: one run per input.
public struct ReferenceRunner: Sendable {
    public var sandbox: any Sandbox
    /// Limits of each sandbox execution.
    public var limits: ExecutionLimits
    /// Time allowed for one call (function tasks).
    public var perCaseTimeout: Duration

    public init(sandbox: any Sandbox, limits: ExecutionLimits = .default, perCaseTimeout: Duration = .seconds(2)) {
        self.sandbox = sandbox
        self.limits = limits
        self.perCaseTimeout = perCaseTimeout
    }

    /// One result per input, in order. Throws only when the sandbox tool fails.
    public func results(
        reference: String, style: TaskStyle, inputs: [ProposedTest.Input]
    ) async throws -> [ReferenceResult] {
        switch style {
        case .standardIO:
            var results: [ReferenceResult] = []
            for input in inputs {
                guard case .standardInput(let stdin) = input else {
                    results.append(.crashed(message: "not a stdin input"))
                    continue
                }
                let outcome = try await sandbox.run(ExecutionRequest(program: reference, stdin: stdin, limits: limits))
                results.append(Self.standardIOResult(outcome))
            }
            return results
        case .function(let entryPoint):
            return try await callResults(reference: reference, entryPoint: entryPoint, inputs: inputs)
        }
    }

    static func standardIOResult(_ outcome: ExecutionOutcome) -> ReferenceResult {
        switch outcome.termination {
        case .exited(code: 0):
            if outcome.stdoutTruncated { return .unrepresentable }
            return .output(.standardOutput(StandardText.normalized(outcome.stdout)))
        case .exited, .signaled, .memoryLimit:
            return .crashed(message: String(outcome.stderr.suffix(300)))
        case .cpuTimeout, .wallTimeout:
            return .timedOut
        case .outputLimit:
            return .unrepresentable
        case .sandboxError(let message):
            return .sandboxFailed(message)
        }
    }

    private func callResults(
        reference: String, entryPoint: String, inputs: [ProposedTest.Input]
    ) async throws -> [ReferenceResult] {
        var results = [ReferenceResult?](repeating: nil, count: inputs.count)
        var pending: [Int] = []
        var arguments: [Int: String] = [:]
        for (index, input) in inputs.enumerated() {
            if case .arguments(let args) = input, let json = PythonLiteral.list(args).jsonText {
                pending.append(index)
                arguments[index] = json
            } else {
                results[index] = .crashed(message: "arguments have no JSON form")
            }
        }
        let driver = try PythonScripts.callDriver()
        let perCase = perCaseTimeout.seconds
        while !pending.isEmpty {
            let payload = PythonScripts.jsonPayload([
                "source": .string(reference), "entry_point": .string(entryPoint),
                "cases": .strings(pending.compactMap { arguments[$0] }), "per_case_seconds": .number(perCase),
            ])
            let outcome = try await sandbox.run(ExecutionRequest(program: driver, stdin: payload, limits: limits))
            let lines = Self.driverLines(outcome.stdout)
            if let loadError = lines.lazy.compactMap(\.loadError).first {
                for index in pending { results[index] = .crashed(message: loadError) }
                break
            }
            var answered = Set<Int>()
            for line in lines {
                guard let position = line.index, position >= 0, position < pending.count else { continue }
                results[pending[position]] = Self.callResult(line)
                answered.insert(position)
            }
            let firstMissing = (0..<pending.count).first { !answered.contains($0) }
            guard let firstMissing else { break }
            // The run ended before this case reported: charge it and retry the rest.
            results[pending[firstMissing]] = Self.interruptedResult(outcome)
            if case .sandboxError = outcome.termination {
                for position in firstMissing..<pending.count where !answered.contains(position) {
                    results[pending[position]] = Self.interruptedResult(outcome)
                }
                break
            }
            pending = pending.enumerated().filter { $0.offset > firstMissing && !answered.contains($0.offset) }
                .map(\.element)
        }
        return results.map { $0 ?? .crashed(message: "no result") }
    }

    static func interruptedResult(_ outcome: ExecutionOutcome) -> ReferenceResult {
        switch outcome.termination {
        case .cpuTimeout, .wallTimeout: return .timedOut
        case .outputLimit: return .unrepresentable
        case .sandboxError(let message): return .sandboxFailed(message)
        case .exited, .signaled, .memoryLimit: return .crashed(message: String(outcome.stderr.suffix(300)))
        }
    }

    static func callResult(_ line: DriverLine) -> ReferenceResult {
        switch line.status {
        case "ok":
            guard let text = line.repr, let value = PythonLiteralParser.parse(text) else { return .unrepresentable }
            return .output(.value(value))
        case "timeout": return .timedOut
        case "unrepresentable": return .unrepresentable
        default: return .crashed(message: line.message)
        }
    }

    struct DriverLine: Decodable {
        var index: Int?
        var status: String?
        var repr: String?
        var message: String?
        var loadError: String?

        enum CodingKeys: String, CodingKey {
            case index = "i", status, repr, message
            case loadError = "load_error"
        }
    }

    static func driverLines(_ stdout: String) -> [DriverLine] {
        let decoder = JSONDecoder()
        return stdout.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: PythonScripts.driverMarker) else { return nil }
            return try? decoder.decode(DriverLine.self, from: Data(line[range.upperBound...].utf8))
        }
    }
}
