internal import Foundation
public import O1CoderCore

/// A whole suite as one self-contained Python program, for sandboxes that only run code
/// (SandboxFusion's `/run_code`): the harness modules, the program and its tests travel in the
/// script, the harness's records come back on stdout, and ``report(of:)`` turns the run into the
/// same ``ProgramReport`` the local workers give. What the remote side does not enforce (seccomp,
/// namespaces) is its own business; the judging (canonical results, integrity checks, the
/// sanitizer, per-test verdicts) is ours.
public struct StandaloneHarness: Sendable {
    /// The Python program to run.
    public let script: String
    /// Records on stdout without it are not the harness's.
    let nonce: String
    let testCount: Int

    /// Module load order: each one's imports are loaded before it.
    static let modules = ["classify", "canonical", "integrity", "sanitize", "stdio", "harness"]

    public init(
        program: String, suite: TestSuite, entryPoint: String?, sanitize: Bool = true, limits: ExecutionLimits,
        seed: UInt64 = UInt64.random(in: .min ... .max)
    ) throws(SandboxError) {
        guard let directory = Bundle.module.url(forResource: "Python", withExtension: nil) else {
            throw .resourcesMissing("the Python harness files are not in the Execution resource bundle")
        }
        func source(_ name: String) throws(SandboxError) -> String {
            do {
                return try String(contentsOf: directory.appendingPathComponent("\(name).py"), encoding: .utf8)
            } catch {
                throw .resourcesMissing("cannot read the harness file \(name).py: \(error)")
            }
        }
        var generator = SplitMix64(seed: seed)
        let nonce = (0..<2).map { _ in String(format: "%016llx", generator.next()) }.joined()
        let request = WorkerRequest(
            id: 0, mode: .evaluate, program: program, stdin: "", suite: suite, entryPoint: entryPoint,
            sanitize: sanitize && entryPoint != nil, limits: limits)
        struct Payload: Encodable {
            var modules: [[String]]
            var request: WorkerRequest
            var nonce: String
        }
        var modules: [[String]] = []
        for name in Self.modules { modules.append([name, try source(name)]) }
        let payload: Data
        do {
            payload = try JSONCoding.encoder().encode(Payload(modules: modules, request: request, nonce: nonce))
        } catch {
            throw .unavailable("cannot encode the standalone harness request: \(error)")
        }
        self.script = "PAYLOAD = \"\(payload.base64EncodedString())\"\n" + (try source("standalone"))
        self.nonce = nonce
        self.testCount = suite.count
    }

    /// The report of a run of ``script`` that ended as `outcome`.
    public func report(of outcome: ExecutionOutcome, limits: ExecutionLimits) -> ProgramReport {
        var records: [WorkerResponse.Record] = []
        let decoder = JSONDecoder()
        for line in outcome.stdout.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let data = line.data(using: .utf8),
                let tagged = try? decoder.decode(Tagged.self, from: data), tagged.n == nonce,
                let record = try? decoder.decode(WorkerResponse.Record.self, from: data)
            else { continue }
            records.append(record)
        }
        var response = WorkerResponse(id: 0, ok: true, elapsedSeconds: outcome.elapsedSeconds, stdout: "", stderr: outcome.stderr)
        response.stderrTruncated = outcome.stderrTruncated
        response.cpuExceeded = records.contains { $0.limit == "cpu" }
        switch outcome.termination {
        case .exited(let code): response.code = code
        case .signaled(let signal): response.signal = signal
        case .cpuTimeout: response.cpuExceeded = true
        case .wallTimeout: response.wallTimeout = true
        case .memoryLimit:
            response.signal = 9
            response.memoryExceeded = true
        case .outputLimit: records.append(WorkerResponse.Record(limit: "output_limit"))
        case .sandboxError(let message):
            response.ok = false
            response.error = message
        }
        response.records = records
        return OutcomeMapping.report(of: response, testCount: testCount, limits: limits)
    }

    private struct Tagged: Decodable { var n: String }
}
