import Datasets
public import Execution
public import O1CoderCore
public import Foundation

/// The batch endpoint's request (`POST /evaluate`): one program and all its tests in one
/// execution, one verdict per test back. The tests come either as the field's `ground_truth`
/// (`{inputs, outputs, fn_name?}`, an object or a JSON string, as verl stores it) or as an
/// O1Coder `suite` (assertions, scripts, calls, stdin/stdout), which is what ``RemoteSandbox``
/// sends.
public struct EvaluateRequest: Sendable, Hashable {
    public var program: String
    public var suite: TestSuite
    /// The function `.call` tests call (`fn_name` for ground truth).
    public var entryPoint: String?
    /// What the client asked for, before the server's caps.
    public var limits: ExecutionLimits

    public init(program: String, suite: TestSuite, entryPoint: String?, limits: ExecutionLimits) {
        self.program = program
        self.suite = suite
        self.entryPoint = entryPoint
        self.limits = limits
    }

    /// Parses a request body; numbers in the ground truth keep their exact spelling.
    /// - Parameter defaults: the limits of a request that names none.
    public init(body: some RandomAccessCollection<UInt8>, defaults: ExecutionLimits) throws(ServiceRequestError) {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: body) } catch { throw ServiceRequestError("the body is not JSON: \(error)") }
        guard case .object = value else { throw ServiceRequestError("the body is not a JSON object") }
        guard let program = value["program"]?.stringValue ?? value["code"]?.stringValue else {
            throw ServiceRequestError("'program' (a string) is missing")
        }
        var entryPoint = value["entry_point"]?.stringValue
        var suite: TestSuite
        if var truth = value["ground_truth"], truth != .null {
            if let text = truth.stringValue {
                do { truth = try JSONValue.parse(text) } catch { throw ServiceRequestError("'ground_truth' is a string but not JSON: \(error)") }
            }
            if let native = truth["suite"] {
                // O1Coder's own suite inside a ground truth (`o1coder export --format verl` rows).
                suite = try Self.decode(TestSuite.self, native, "ground_truth.suite")
                entryPoint = entryPoint ?? truth["entry_point"]?.stringValue
            } else {
                do {
                    let parsed = try GroundTruth(json: truth)
                    suite = try parsed.suite()
                    entryPoint = entryPoint ?? parsed.functionName
                } catch {
                    throw ServiceRequestError("'ground_truth': \(error)")
                }
            }
        } else if let native = value["suite"] {
            suite = try Self.decode(TestSuite.self, native, "suite")
        } else {
            throw ServiceRequestError("give the tests as 'ground_truth' ({inputs, outputs, fn_name?}) or as 'suite'")
        }
        if value["stop_at_first_failure"] == .bool(true) { suite.stopAtFirstFailure = true }
        var limits = defaults
        if let native = value["limits"] { limits = try Self.decode(ExecutionLimits.self, native, "limits") }
        if let seconds = value["timeout"].flatMap(Self.number) {
            limits.cpuSeconds = seconds
            limits.wallSeconds = ExecutionLimits.wallSeconds(forCPU: seconds)
        }
        if let megabytes = value["memory_limit_MB"].flatMap(Self.number), megabytes > 0 { limits.memory = .mebibytes(Int(megabytes)) }
        self.init(program: program, suite: suite, entryPoint: entryPoint, limits: limits)
    }

    /// The wire form ``RemoteSandbox`` sends (`suite` and `limits` as O1Coder's own values).
    public func body() throws -> Data {
        struct Wire: Encodable {
            var program: String
            var suite: TestSuite
            var entry_point: String?
            var limits: ExecutionLimits
        }
        return try JSONCoding.encoder().encode(Wire(program: program, suite: suite, entry_point: entryPoint, limits: limits))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ field: String) throws(ServiceRequestError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(value.jsonText.utf8)) } catch {
            throw ServiceRequestError("'\(field)' is not a valid \(T.self): \(error)")
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }
}

/// The batch endpoint's answer: the verdict, counts, and O1Coder's full report (per-test
/// statuses and messages under `report.tests`).
public struct EvaluateResponse: Codable, Sendable, Hashable {
    public var verdict: Verdict.Kind
    public var passed: Int
    public var total: Int
    public var passRate: Double
    public var elapsedSeconds: Double
    public var report: ProgramReport

    public init(report: ProgramReport) {
        self.verdict = report.verdict.kind
        self.passed = report.passedCount
        self.total = report.tests.count
        self.passRate = report.passRate
        self.elapsedSeconds = report.elapsedSeconds
        self.report = report
    }

    enum CodingKeys: String, CodingKey {
        case verdict, passed, total, report
        case passRate = "pass_rate"
        case elapsedSeconds = "elapsed_seconds"
    }
}

/// A request the server cannot run, with what is wrong (answered as 400 or 413).
public struct ServiceRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public var tooLarge: Bool
    public init(_ description: String, tooLarge: Bool = false) {
        self.description = description
        self.tooLarge = tooLarge
    }
}
