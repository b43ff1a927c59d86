import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Sampling
import Testing

/// The run directory: ledger appends, skipping finished problems, refusing another setup.
@Suite struct ResumeTests {
    static let configuration = Fixtures.configuration(.direct, .independent(samples: 1))
    static let answer = ScriptedLanguageModel.Reply.texts(["```python\n\(Fixtures.good)\n```"])

    func runner(_ model: ScriptedLanguageModel, _ directory: RunDirectory) throws -> SamplingRunner {
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: Fixtures.sandbox(), configuration: Self.configuration)
        return SamplingRunner(sampler: sampler, directory: directory, problemsInFlight: 1)
    }

    @Test("a second run skips the problems the first one finished before it failed")
    func resumes() async throws {
        let problems = [Fixtures.problem(1), Fixtures.problem(2), Fixtures.problem(3)]
        let directory = RunDirectory(path: Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let manifest = Fixtures.manifest(Self.configuration, problems: 3)

        let first = ScriptedLanguageModel([Self.answer, Self.answer, .failure(.scripted("model crashed"))])
        #expect(try directory.open(for: manifest).isEmpty)
        await #expect(throws: ScriptedModelError.scripted("model crashed")) {
            _ = try await runner(first, directory).run(problems: problems, finished: [])
        }
        let kept = try directory.finishedProblems()
        #expect(kept.map(\.taskID) == ["Mbpp/1", "Mbpp/2"])

        let second = ScriptedLanguageModel([Self.answer])
        let finished = try directory.open(for: manifest)
        let ticks = Ticks()
        let all = try await runner(second, directory).run(problems: problems, finished: finished) { ticks.add($0) }
        #expect(second.requests.count == 1, "only the unfinished problem is sampled")
        #expect(all.map(\.taskID) == ["Mbpp/1", "Mbpp/2", "Mbpp/3"])
        #expect(try directory.finishedProblems().count == 3)
        #expect(ticks.lines.count == 1 && ticks.lines[0].hasPrefix("[3/3] Mbpp/3 1/1 passed"))

        let summary = SamplingSummary(records: all, samplingProtocol: Self.configuration.samplingProtocol)
        try directory.writeOutputs(records: all, manifest: manifest, summary: summary)
        let samples = try String(contentsOfFile: directory.samplesPath, encoding: .utf8)
        #expect(samples.split(separator: "\n").count == 3)
        #expect(samples.contains("\"task_id\":\"Mbpp/3\""))
    }

    @Test("a different configuration, model or dataset is refused; paths may move, the selection may grow")
    func refusesMismatch() throws {
        let directory = RunDirectory(path: Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        let manifest = Fixtures.manifest(Self.configuration, problems: 3)
        _ = try directory.open(for: manifest)

        var other = Self.configuration
        other.sampling.temperature = 0.2
        #expect(throws: SamplingError.self) { try directory.open(for: Fixtures.manifest(other, problems: 3)) }
        var otherModel = manifest
        otherModel.model.sha256 = "m2"
        do {
            _ = try directory.open(for: otherModel)
            Issue.record("a different model was accepted")
        } catch let error as SamplingError {
            #expect(error.code == .configurationMismatch)
            #expect(error.description.contains("model file"))
        }
        var moved = manifest
        moved.dataset.path = "/elsewhere/mbpp.jsonl"
        moved.createdAt = "later"
        #expect(throws: Never.self) { try directory.open(for: moved) }
        var extended = manifest
        extended.selection.limit = 500
        extended.problemCount = 500
        #expect(throws: Never.self) { try directory.open(for: extended) }
        #expect(try directory.readManifest().problemCount == 500, "a larger --limit extends the recorded run")
    }

    @Test("a torn last ledger line is dropped and the ledger stays appendable")
    func tornLine() async throws {
        let directory = RunDirectory(path: Fixtures.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        _ = try directory.open(for: Fixtures.manifest(Self.configuration, problems: 2))
        let model = ScriptedLanguageModel([Self.answer])
        _ = try await runner(model, directory).run(problems: [Fixtures.problem(1)], finished: [])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.ledgerPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"taskID\":\"Mbpp/2\",\"pref".utf8))
        try handle.close()

        #expect(try directory.finishedProblems().map(\.taskID) == ["Mbpp/1"])
        let record = SampledProblem(taskID: "Mbpp/2", prefixes: [], usage: TokenUsage(), seconds: 0)
        try directory.append(record)
        #expect(try directory.finishedProblems().map(\.taskID) == ["Mbpp/1", "Mbpp/2"])
    }
}

/// Collects progress lines from the runner's callback.
final class Ticks: Sendable {
    private let storage = Storage()
    var lines: [String] { storage.lines }
    func add(_ progress: SamplingProgress) { storage.append("[\(progress.done)/\(progress.total)] \(progress.detail)") }

    private final class Storage: @unchecked Sendable {
        private var values: [String] = []
        private let lock = NSLock()
        var lines: [String] { lock.withLock { values } }
        func append(_ line: String) { lock.withLock { values.append(line) } }
    }
}
