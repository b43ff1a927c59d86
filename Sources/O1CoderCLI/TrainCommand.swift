public import ArgumentParser
import Dispatch
import Foundation
import Inference
import O1CoderCore
public import Training
#if canImport(Glibc)
import Glibc
#endif

/// `o1coder train sft|dpo`: a LoRA adapter trained with TRL out of process, registered as a
/// model every `--model` option takes.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a LoRA adapter (SFT or DPO with TRL, or a process reward model) and register it as a model.",
        discussion: """
            Runs training/runner.py in the environment `make setup-train` installs. The base GGUF is \
            converted to a Hugging Face directory once (cached by sha256); the adapter comes back as \
            GGUF and is registered as --out NAME (base + adapter, with lineage), usable as --model NAME. \
            Ctrl-C saves a checkpoint; the same command resumes it. Training from a trained NAME \
            continues its adapter.
              o1coder export sft --store runs.sqlite --out sft.jsonl
              o1coder train sft --data sft.jsonl --base qwen2.5-coder-0.5b-instruct --out policy-r1 --steps 50
              o1coder search --model policy-r1 …
            """,
        subcommands: [SFT.self, DPO.self, PRM.self, GRPO.self])

    struct SFT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sft", abstract: "Supervised fine-tuning on chat traces (o1coder export sft), loss on the answer only.")
        @OptionGroup var options: TrainingOptions
        func run() async throws { try await options.run(.sft) }
    }

    struct DPO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dpo", abstract: "Direct preference optimisation on chosen/rejected pairs (o1coder export dpo).")
        @OptionGroup var options: TrainingOptions
        @Option(help: "DPO's beta (strength of the pull toward the reference model).") var beta = 0.1
        func run() async throws {
            var o = options
            o.beta = beta
            try await o.run(.dpo)
        }
    }
}

extension TrainCommand {
    struct PRM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prm",
            abstract: "A generative process reward model on step labels (o1coder export prm): P(+) at a tag after every step.",
            discussion: "Metrics (step accuracy, ROC-AUC, log-loss, before and after) are on held-out problems.")
        @OptionGroup var options: TrainingOptions
        @Option(help: "Fit hard step labels or soft step values.") var labels = PRMTargets.hard
        @Option(help: "Fraction of problems held out for the metrics.") var evalFraction = 0.2
        func run() async throws {
            var o = options
            o.prmTargets = labels
            o.evalFraction = evalFraction
            try await o.run(.prm)
        }
    }
}

extension TrainCommand {
    struct GRPO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grpo",
            abstract: "GRPO (TRL) on prompts with ground truth (o1coder export --format verl); the sandbox scores every completion.",
            discussion: """
                Rewards come from o1coder serve through training/o1coder_reward.py (1 when every \
                test passes, else 0): a server of this process's own on a free loopback port, or \
                --sandbox URL. On GPUs the same runner job runs under `accelerate launch`, with \
                vLLM generation (README, Training).
                """)
        @OptionGroup var options: TrainingOptions
        @Option(help: "Completions per prompt (the group GRPO normalises rewards within).") var generations = 2
        @Option(help: "Token cap of each completion.") var maxCompletionLength = 128
        @Option(help: "Sampling temperature.") var temperature = 1.0
        @Option(help: ArgumentHelp("An o1coder serve server for the rewards (default: one of this process's own).", valueName: "url"))
        var sandbox: String?
        @Option(help: "Sandbox workers of the server this process starts.") var workers = 2

        func run() async throws {
            var o = options
            o.generations = generations
            o.maxCompletionLength = maxCompletionLength
            o.temperature = temperature
            if let sandbox { return try await o.run(.grpo, rewardURL: sandbox) }
            try await LocalRewardServer.with(workers: workers) { url in try await o.run(.grpo, rewardURL: url) }
        }
    }
}

extension PRMTargets: ExpressibleByArgument {}

struct TrainingOptions: ParsableArguments {
    @Option(help: "Training data (JSONL).") var data: String
    @Option(help: "Base model: a registry name, a trained model's name or a .gguf path.")
    var base = ModelRegistry.defaultModel.rawValue
    @Option(help: "Name of the trained model to register.") var out: String
    @Option(help: "Optimiser steps.") var steps = 20
    @Option(help: "Learning rate.") var learningRate = 1e-4
    @Option(help: "Sequences per step.") var batchSize = 2
    @Option(help: "Steps accumulated per optimiser update.") var gradientAccumulation = 1
    @Option(help: "Longest sequence in tokens (longer ones are cut).") var maxLength = 512
    @Option(help: "Linear warm-up steps.") var warmupSteps = 0
    @Option(help: "Checkpoint every this many steps (what a killed run resumes from).") var saveSteps = 10
    @Option(help: "LoRA rank.") var loraRank = 8
    @Option(help: "LoRA alpha.") var loraAlpha = 16
    @Option(help: "LoRA dropout.") var loraDropout = 0.0
    @Option(help: "Seed of initialisation and data order.") var seed: UInt64 = 42
    @Option(help: "CPU threads for torch.") var threads = 2
    @Flag(help: "Discard an earlier run or model of this name and start over.") var restart = false
    @Flag(help: "Print the training record as JSON.") var json = false
    var beta = 0.1
    var prmTargets = PRMTargets.hard
    var evalFraction = 0.2
    var generations: Int?
    var maxCompletionLength: Int?
    var temperature: Double?

    func validate() throws {
        if let problem = TrainingRequest.problem(withName: out) ?? hyperparameters.problem { throw ValidationError(problem + ".") }
    }

    var hyperparameters: TrainingHyperparameters {
        var h = TrainingHyperparameters()
        h.maxSteps = steps
        h.learningRate = learningRate
        h.batchSize = batchSize
        h.gradientAccumulationSteps = gradientAccumulation
        h.maxLength = maxLength
        h.warmupSteps = warmupSteps
        h.saveSteps = saveSteps
        h.loraRank = loraRank
        h.loraAlpha = loraAlpha
        h.loraDropout = loraDropout
        h.beta = beta
        h.seed = seed
        h.threads = threads
        h.prmTargets = prmTargets
        h.evalFraction = evalFraction
        h.generations = generations
        h.maxCompletionLength = maxCompletionLength
        h.temperature = temperature
        return h
    }

    func run(_ method: TrainingMethod, rewardURL: String? = nil) async throws {
        let store = ModelStore.standard()
        let environment = try TrainingEnvironment.beside(store)
        let trainer = ModelTrainer(environment: environment, store: store)
        let request = TrainingRequest(method: method, data: data, base: base, name: out, hyperparameters: hyperparameters, rewardURL: rewardURL)
        let reporter = ProgressReporter(label: "train \(method.rawValue)")
        let task = Task {
            try await trainer.train(request, restart: restart) { phase in
                switch phase {
                case .convertingBase: StandardError.write("[train] preparing the base model (converted once, then cached)")
                case .exporting: StandardError.write("[train] converting the adapter to GGUF")
                case .training: phase.showSteps(on: reporter)
                }
            }
        }
        // Ctrl-C reaches the runner too (same process group); it saves a checkpoint and stops.
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler { task.cancel() }
        interrupt.resume()
        defer { interrupt.cancel() }
        let model: TrainedModel
        do {
            model = try await task.value
        } catch let error as TrainingError where error.kind == .interrupted {
            StandardError.write("interrupted; the checkpoint is saved in \(trainer.runDirectory(out)). Rerun the same command to resume.")
            throw ExitCode(130)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(model), as: UTF8.self))
            return
        }
        print("trained \(model.name) (\(model.method.rawValue), \(model.steps) steps on \(model.records) records from \(model.parent))")
        let keys = ["train_loss", "mean_reward", "train_runtime", "peak_rss_bytes", "base_eval_roc_auc", "eval_roc_auc", "base_eval_step_accuracy", "eval_step_accuracy"]
        for key in keys where model.metrics[key] != nil {
            print("  \(key): \(model.metrics[key]!)")
        }
        if let from = model.resumedFrom { print("  resumed from \(from)") }
        print("  adapter: \(model.adapter)")
        print("use it with --model \(model.name)")
    }
}

extension TrainingEnvironment {
    /// The training environment of the cache that holds `store`, for this checkout.
    static func beside(_ store: ModelStore) throws -> TrainingEnvironment {
        try discover(cache: (store.directory as NSString).deletingLastPathComponent, repository: repository())
    }
}

extension TrainingPhase {
    /// Training steps as a progress line with ETA and the loss; other phases show nothing.
    func showSteps(on reporter: ProgressReporter) {
        guard case .training(let step, let total, let loss) = self else { return }
        reporter.update(done: step, total: total, detail: loss.map { String(format: "loss %.4f", $0) } ?? "")
    }
}
