import Foundation
import Inference
public import Models
import Datasets
import O1CoderCore

/// Trains a LoRA adapter out of process and brings it back as a model the engine loads:
/// converts the base GGUF to a Hugging Face directory once (cached by sha256), runs TRL through
/// training/runner.py (resuming a killed run from its last checkpoint), converts the adapter to
/// GGUF (f32: a small fine-tune is below f16's resolution) and registers NAME = base + adapter
/// with its lineage in the model store.
public struct ModelTrainer: Sendable {
    public let environment: TrainingEnvironment
    public let store: ModelStore

    public init(environment: TrainingEnvironment, store: ModelStore) {
        self.environment = environment
        self.store = store
    }

    var runner: RunnerProcess { RunnerProcess(environment: environment) }

    /// The run directory of `name` (job files, runner log, checkpoints).
    public func runDirectory(_ name: String) -> String { environment.directory + "/runs/" + name }

    public func train(
        _ request: TrainingRequest, restart: Bool = false, progress: @escaping @Sendable (TrainingPhase) -> Void = { _ in }
    ) async throws -> TrainedModel {
        if let problem = TrainingRequest.problem(withName: request.name) ?? request.hyperparameters.problem {
            throw TrainingError(.badJob, problem + ".")
        }
        guard FileManager.default.fileExists(atPath: request.data) else {
            throw TrainingError(.badData, "\(request.data): no such file. Expected \(request.dataShape) records, one JSON object per line.")
        }
        try request.purpose?.check(data: request.data, method: request.method)
        if ModelRegistry.descriptor(for: ModelID(rawValue: request.name)) != nil {
            throw TrainingError(.conflict, "--out \(request.name) is a registry model's name; choose another.")
        }
        let dataSHA256 = try SHA256.hex(ofFile: request.data)
        let (root, continued) = try rootAndAdapter(of: request.base)
        let run = runDirectory(request.name)
        let identity = TrainingRequest.Identity(
            method: request.method, dataSHA256: dataSHA256, base: request.base, hyperparameters: request.hyperparameters)
        try prepare(run: run, identity: identity, name: request.name, restart: restart)
        // The same request again, after it finished: the model it made. Resuming from the final
        // checkpoint would train past max_steps (a rerun of a finished command must change nothing).
        if !restart, store.isTrained(request.name), let done = record(request.name), done.dataSHA256 == dataSHA256,
            done.parent == request.base, done.method == request.method, done.hyperparameters == request.hyperparameters
        {
            return done
        }

        progress(.convertingBase)
        let hfBase = try await baseDirectory(for: root)

        let job = try Self.runnerJob(for: request, baseDirectory: hfBase, runDirectory: run, continuing: continued)
        let events = try await runner.run(job, jobFile: run + "/job.json", log: run + "/train.log") { event in
            if case .progress(let step, let total, let values) = event {
                progress(.training(step: step, total: total, loss: values["loss"] ?? values["train_loss"]))
            }
        }
        var metrics: [String: Double] = [:]
        var records = 0
        var resumedFrom: String?
        for event in events {
            switch event {
            case .metrics(let m): metrics = m
            case .start(let n, _, let from): (records, resumedFrom) = (n, from)
            default: break
            }
        }

        progress(.exporting)
        let dir = store.trainedDirectory(request.name)
        let peft = dir + "/peft"
        try replaceDirectory(peft, with: run + "/adapter")
        let gguf = dir + "/adapter.gguf"
        try await runner.run(
            RunnerJob(task: .exportAdapter, paths: ["adapter_dir": peft, "base_dir": hfBase, "outfile": gguf, "converter": environment.converter]),
            jobFile: run + "/export.json", log: run + "/export.log")

        let spec = ModelSpec(
            name: request.name, basePath: root.basePath, sha256: root.sha256, adapters: [LoRAAdapter(path: "adapter.gguf")],
            lineage: ModelLineage(parent: ModelID(rawValue: request.base), origin: .trained(method: request.method.rawValue, dataset: dataSHA256)))
        let model = TrainedModel(
            name: request.name, method: request.method, parent: request.base, data: request.data, dataSHA256: dataSHA256,
            records: records, hyperparameters: request.hyperparameters, metrics: metrics, steps: Int(metrics["steps"] ?? 0),
            resumedFrom: resumedFrom, torch: environment.torch, lockSHA256: environment.lockSHA256, created: Date(),
            adapter: gguf, peftAdapter: peft, spec: spec, purpose: request.purpose, configFile: request.configFile)
        try OutputFile.write(Array(Self.encoder.encode(model)), to: dir + "/training.json")
        try store.registerTrained(spec)
        return model
    }

    /// The runner job that trains `request`: the method's task with the request's resolved
    /// hyper-parameters (a pair-wise PRM is the `prm` task with `prm_objective: pairwise`).
    static func runnerJob(for request: TrainingRequest, baseDirectory: String, runDirectory: String, continuing adapter: String?) throws(TrainingError) -> RunnerJob {
        var paths = ["base_dir": baseDirectory, "data": request.data, "output_dir": runDirectory]
        if let adapter { paths["init_adapter"] = adapter }
        if request.method.isOnline {
            guard let url = request.rewardURL else {
                throw TrainingError(.badJob, "\(request.method.rawValue.uppercased()) needs a reward server (o1coder serve)")
            }
            paths["reward_url"] = url
        }
        let task: RunnerJob.Task = switch request.method {
        case .sft: .sft
        case .dpo: .dpo
        case .prm: .prm
        case .grpo: .grpo
        case .rloo: .rloo
        }
        return RunnerJob(task: task, paths: paths, hyperparameters: request.hyperparameters)
    }

    /// The training record of trained model `name`, if there is one.
    public func record(_ name: String) -> TrainedModel? {
        guard let data = FileManager.default.contents(atPath: store.trainedDirectory(name) + "/training.json") else { return nil }
        return try? JSONCoding.decoder().decode(TrainedModel.self, from: data)
    }

    /// Greedy continuations of raw `prompts` by `model` (a registry or trained name) in the
    /// runner, i.e. in PyTorch: the reference the engine's output is compared with.
    public func greedy(model: String, prompts: [String], maxNewTokens: Int, threads: Int = 2) async throws -> [(tokens: [Int32], text: String)] {
        let events = try await reference(model: model, name: "generate") { paths in
            RunnerJob(task: .generate, paths: paths, threads: threads, prompts: prompts, maxNewTokens: maxNewTokens)
        }
        return events.compactMap { if case .generation(let t, let s) = $0 { (t, s) } else { nil } }
    }

    /// A trained PRM's step scores for `paths`, computed in PyTorch by the runner.
    public func prmScores(model: String, paths: [RunnerJob.Path], threads: Int = 2) async throws -> [[Double]] {
        let events = try await reference(model: model, name: "prm-score") { files in
            RunnerJob(task: .prmScore, paths: files, threads: threads, pathsToScore: paths)
        }
        return events.compactMap { if case .scores(let s) = $0 { s } else { nil } }
    }

    /// Runs a PyTorch reference job on `model`: its base directory, and its adapter when trained.
    private func reference(model: String, name: String, job: ([String: String]) -> RunnerJob) async throws -> [RunnerEvent] {
        let (root, adapter) = try rootAndAdapter(of: model)
        var paths = ["base_dir": try await baseDirectory(for: root)]
        if let adapter { paths["adapter_dir"] = adapter }
        let dir = environment.directory + "/generate"
        return try await runner.run(
            job(paths), jobFile: dir + "/\(name)-\(ProcessInfo.processInfo.processIdentifier).json", log: dir + "/\(name).log")
    }

    /// `model` with its base as an f32 GGUF converted from the Hugging Face directory (cached
    /// beside it): the engine then computes as PyTorch does, for agreement checks that 4-bit
    /// weights would blur.
    public func fullPrecisionSpec(of model: String) async throws -> ModelSpec {
        let (root, _) = try rootAndAdapter(of: model)
        let hf = try await baseDirectory(for: root)
        let gguf = hf + "/model-f32.gguf"
        try await runner.run(
            RunnerJob(task: .exportBase, paths: ["base_dir": hf, "outfile": gguf, "converter": environment.converter]),
            jobFile: hf + ".export.json", log: hf + ".export.log")
        var spec = try store.resolve(model)
        spec.basePath = gguf
        spec.sha256 = nil
        return spec
    }

    /// The Hugging Face directory of a base GGUF, converted (dequantised) on first use and cached
    /// by the file's sha256.
    public func baseDirectory(for spec: ModelSpec) async throws -> String {
        let sha = try spec.sha256 ?? SHA256.hex(ofFile: spec.basePath)
        let out = environment.directory + "/hf-base/" + String(sha.prefix(16))
        try await runner.run(
            RunnerJob(task: .convertBase, paths: ["gguf": spec.basePath, "out": out], threads: 2),
            jobFile: out + ".job.json", log: out + ".log")
        return out
    }

    /// The base GGUF under `reference` and, for a trained model, the PEFT adapter to continue.
    func rootAndAdapter(of reference: String) throws -> (ModelSpec, String?) {
        let spec: ModelSpec
        do { spec = try store.resolve(reference) } catch { throw TrainingError(.missingBase, error.description) }
        if store.isTrained(reference) {
            var root = spec
            root.adapters = []
            return (root, store.trainedDirectory(reference) + "/peft")
        }
        guard spec.adapters.isEmpty else {
            throw TrainingError(.missingBase, "\(reference) carries LoRA adapters that were not trained here; train from its base GGUF.")
        }
        return (spec, nil)
    }

    private func prepare(run: String, identity: TrainingRequest.Identity, name: String, restart: Bool) throws {
        let file = run + "/request.json"
        let fm = FileManager.default
        if restart {
            try? fm.removeItem(atPath: run)
        } else {
            if store.isTrained(name), !fm.fileExists(atPath: file) {
                throw TrainingError(.conflict, "A model named \(name) exists. Choose another --out, or pass --restart to replace it.")
            }
            if let data = fm.contents(atPath: file), let old = try? JSONDecoder().decode(TrainingRequest.Identity.self, from: data), old != identity {
                throw TrainingError(
                    .conflict,
                    "\(run) holds a run of \(name) with other data or settings. Use the same ones to resume it, another --out, or --restart.")
            }
        }
        try OutputFile.write(Array(Self.encoder.encode(identity)), to: file)
    }

    private func replaceDirectory(_ target: String, with source: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: source) else { throw TrainingError(.failed, "The runner left no adapter in \(source).") }
        try? fm.removeItem(atPath: target)
        try OutputFile.createParentDirectories(of: target)
        try fm.copyItem(atPath: source, toPath: target)
    }

    static var encoder: JSONEncoder {
        let e = JSONCoding.encoder(.document)
        return e
    }
}
