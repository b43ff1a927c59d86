public import ArgumentParser
import CommandOptions
import Foundation
import Inference
import Models
import O1CoderCore
import RunStorage
public import Training

/// `o1coder train sft|dpo|prm|grpo|rloo`: a LoRA adapter trained out of process (TRL, or our PRM
/// trainer), registered as a model every `--model` option takes.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a LoRA adapter (SFT or DPO with TRL, GRPO or RLOO, or a process reward model) and register it as a model.",
        discussion: """
            Runs training/runner.py in the environment `make setup-train` installs. The base GGUF is \
            converted to a Hugging Face directory once (cached by sha256); the adapter comes back as \
            GGUF and is registered as --out NAME (base + adapter, with lineage), usable as --model NAME. \
            Ctrl-C saves a checkpoint; the same command resumes it. Training from a trained NAME \
            continues its adapter. --config F.yaml sets hyper-parameters from a file of `flag-name: value` \
            lines (`learning-rate: 2e-4`); flags given on the command line win over it, and the \
            resolved values are recorded with the model.
              o1coder export sft --store runs.sqlite --out sft.jsonl
              o1coder train sft --data sft.jsonl --base qwen2.5-coder-0.5b-instruct --out policy-r1 --steps 50
              o1coder search --model policy-r1 …
            """,
        subcommands: [SFT.self, DPO.self, PRM.self, GRPO.self, RLOO.self])

    struct SFT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sft",
            abstract: "Supervised fine-tuning on chat traces (o1coder export sft) or TCG data (--for tcg), loss on the answer only.")
        @OptionGroup var options: TrainingOptions
        @Option(name: .customLong("for"), help: PurposeHelp.text) var purpose = TrainingPurpose.policy
        func run() async throws { try await options.run(.sft, purpose: purpose) }
    }

    struct DPO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dpo", abstract: "Direct preference optimisation on chosen/rejected pairs (o1coder export dpo, or tcg data with --for tcg).")
        @OptionGroup var options: TrainingOptions
        @Option(help: "DPO's beta (strength of the pull toward the reference model; default \(TrainingHyperparameters().beta)).")
        var beta: Double?
        @Option(name: .customLong("for"), help: PurposeHelp.text) var purpose = TrainingPurpose.policy
        func run() async throws {
            try await options.run(.dpo, flags: ["beta": beta.map(Setting.number)], purpose: purpose)
        }
    }
}

/// A hyper-parameter's value as a flag or a --config line gives it.
typealias Setting = TrainingHyperparameters.Setting

enum PurposeHelp {
    static let text = ArgumentHelp(
        "What the data trains: policy (o1coder export) or tcg (o1coder tcg data, the test case generator); checked, and recorded with the model.",
        valueName: "purpose")
}

extension TrainCommand {
    struct PRM: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prm",
            abstract: "A generative process reward model: P(+) at a tag after every step, point-wise or pair-wise.",
            discussion: """
                --objective pointwise (default): step labels from o1coder export --format prm, cross-entropy at \
                each tag; metrics: step accuracy, ROC-AUC, log-loss. --objective pairwise: sibling steps from \
                o1coder export --format prm-pairs, Bradley–Terry on s = logit(+) − logit(−) at the step's tag \
                (−log σ(s_chosen − s_rejected)); metrics: pair accuracy (s_chosen > s_rejected) and loss. \
                Either model is scored the same way afterwards (σ(s) is P(+)). Metrics are on held-out \
                problems (split by problem, never by step), before and after training.
                """)
        @OptionGroup var options: TrainingOptions
        @Option(help: "Point-wise on step labels or pair-wise on sibling steps (default pointwise).") var objective: PRMObjective?
        @Option(help: "Point-wise: fit hard step labels or soft step values (default hard).") var labels: PRMTargets?
        @Option(help: "Fraction of problems held out for the metrics (default \(TrainingHyperparameters().evalFraction)).")
        var evalFraction: Double?
        @Option(help: "Pair-wise: all exported pairs, or rStar-Math's top-bottom-2 (the two best siblings by value against the two worst; default all).")
        var pairSelection: PRMPairSelection?
        @Option(help: "Pair-wise: least value gap of a pair that trains, beyond the export's --margin (default 0).")
        var pairMargin: Double?
        func run() async throws {
            try await options.run(
                .prm,
                flags: [
                    "objective": objective.map { .string($0.rawValue) }, "labels": labels.map { .string($0.rawValue) },
                    "eval-fraction": evalFraction.map(Setting.number), "pair-selection": pairSelection.map { .string($0.rawValue) },
                    "pair-margin": pairMargin.map(Setting.number),
                ])
        }
    }
}

/// The options of the online methods (GRPO, RLOO): their group settings and where the
/// sandbox rewards come from.
struct OnlineRLOptions: ParsableArguments {
    @Option(help: "Completions per prompt (the group the rewards are compared within; default 2).") var generations: Int?
    @Option(help: "Token cap of each completion (default 128).") var maxCompletionLength: Int?
    @Option(help: "Sampling temperature (default 1.0).") var temperature: Double?
    @Option(help: ArgumentHelp("An o1coder serve server for the rewards (default: one of this process's own).", valueName: "url"))
    var sandbox: String?
    @Option(help: "Sandbox workers of the server this process starts.") var workers = 2

    func run(_ method: TrainingMethod, _ options: TrainingOptions) async throws {
        let flags: [String: Setting?] = [
            "generations": generations.map(Setting.integer), "max-completion-length": maxCompletionLength.map(Setting.integer),
            "temperature": temperature.map(Setting.number),
        ]
        if let sandbox { return try await options.run(method, flags: flags, rewardURL: sandbox) }
        try await LocalRewardServer.with(workers: workers) { url in try await options.run(method, flags: flags, rewardURL: url) }
    }
}

extension TrainCommand {
    static let onlineDiscussion = """
        Rewards come from o1coder serve through training/o1coder_reward.py (1 when every \
        test passes, else 0): a server of this process's own on a free loopback port, or \
        --sandbox URL. On GPUs the same runner job runs under `accelerate launch`, with \
        vLLM generation (README, Training).
        """

    struct GRPO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grpo",
            abstract: "GRPO (TRL) on prompts with ground truth (o1coder export --format verl); the sandbox scores every completion.",
            discussion: TrainCommand.onlineDiscussion)
        @OptionGroup var options: TrainingOptions
        @OptionGroup var online: OnlineRLOptions
        func run() async throws { try await online.run(.grpo, options) }
    }

    struct RLOO: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rloo",
            abstract: "RLOO (TRL; each completion's baseline is the mean reward of its group's others) on the data GRPO takes; the sandbox scores every completion.",
            discussion: TrainCommand.onlineDiscussion)
        @OptionGroup var options: TrainingOptions
        @OptionGroup var online: OnlineRLOptions
        func run() async throws { try await online.run(.rloo, options) }
    }
}

extension PRMTargets: ExpressibleByArgument {}
extension PRMObjective: ExpressibleByArgument {}
extension PRMPairSelection: ExpressibleByArgument {}
extension TrainingPurpose: ExpressibleByArgument {}

/// The options every `train` subcommand takes. Hyper-parameters are optional here so that one
/// given on the command line can be told from one left to the --config file or the default.
struct TrainingOptions: ParsableArguments {
    static let defaults = TrainingHyperparameters()

    @Option(help: "Training data (JSONL).") var data: String
    @Option(help: "Base model: a registry name, a trained model's name or a .gguf path.")
    var base = ModelRegistry.defaultModel.rawValue
    @Option(help: "Name of the trained model to register.") var out: String
    @Option(help: ArgumentHelp("Hyper-parameters from a file of `flag-name: value` lines (flat YAML); flags win over it.", valueName: "F.yaml"))
    var config: String?
    @Option(help: "Optimiser steps (default \(defaults.maxSteps)).") var steps: Int?
    @Option(help: "Learning rate (default \(defaults.learningRate)).") var learningRate: Double?
    @Option(help: "Sequences per step (default \(defaults.batchSize)).") var batchSize: Int?
    @Option(help: "Steps accumulated per optimiser update (default \(defaults.gradientAccumulationSteps)).") var gradientAccumulation: Int?
    @Option(help: "Longest sequence in tokens; longer ones are cut (default \(defaults.maxLength)).") var maxLength: Int?
    @Option(help: "Linear warm-up steps (default \(defaults.warmupSteps)).") var warmupSteps: Int?
    @Option(help: "Checkpoint every this many steps, what a killed run resumes from (default \(defaults.saveSteps)).") var saveSteps: Int?
    @Option(help: "LoRA rank (default \(defaults.loraRank)).") var loraRank: Int?
    @Option(help: "LoRA alpha (default \(defaults.loraAlpha)).") var loraAlpha: Int?
    @Option(help: "LoRA dropout (default \(defaults.loraDropout)).") var loraDropout: Double?
    @Option(help: "Seed of initialisation and data order (default \(defaults.seed)).") var seed: UInt64?
    @Option(help: "CPU threads for torch (default \(defaults.threads)).") var threads: Int?
    @Flag(help: "Discard an earlier run or model of this name and start over.") var restart = false
    @Flag(help: "Print the training record as JSON.") var json = false
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let problem = TrainingRequest.problem(withName: out) { throw ValidationError(problem + ".") }
    }

    /// The hyper-parameters given as flags, by flag name (the keys of a --config file).
    var flags: [String: Setting?] {
        [
            "steps": steps.map(Setting.integer), "learning-rate": learningRate.map(Setting.number),
            "batch-size": batchSize.map(Setting.integer), "gradient-accumulation": gradientAccumulation.map(Setting.integer),
            "max-length": maxLength.map(Setting.integer), "warmup-steps": warmupSteps.map(Setting.integer),
            "save-steps": saveSteps.map(Setting.integer), "lora-rank": loraRank.map(Setting.integer),
            "lora-alpha": loraAlpha.map(Setting.integer), "lora-dropout": loraDropout.map(Setting.number),
            "seed": seed.map { .integer(Int(truncatingIfNeeded: $0)) }, "threads": threads.map(Setting.integer),
        ]
    }

    func run(
        _ method: TrainingMethod, flags extra: [String: Setting?] = [:], purpose: TrainingPurpose? = nil, rewardURL: String? = nil
    ) async throws {
        let given = flags.merging(extra) { a, _ in a }.compactMapValues { $0 }
        let hyperparameters: TrainingHyperparameters
        do { hyperparameters = try TrainingHyperparameters.resolve(for: method, configPath: config, flags: given) } catch {
            // Exit 64 without the root command's usage line, which a ValidationError from run() would add.
            StandardError.write("Error: " + error.message)
            throw ExitCode.validationFailure
        }
        let store = ModelStore.standard()
        let trainer = ModelTrainer(environment: try TrainingEnvironment.beside(store), store: store)
        let request = TrainingRequest(
            method: method, data: data, base: base, name: out, hyperparameters: hyperparameters, rewardURL: rewardURL, purpose: purpose,
            configFile: config)
        let reporter = ProgressReporter(label: "train \(method.rawValue)")
        let model: TrainedModel
        do {
            // Ctrl-C reaches the runner too (same process group); it saves a checkpoint and stops.
            model = try await storeOptions.listing(
                .train, output: trainer.runDirectory(out), configuration: hyperparameters, seed: hyperparameters.seed, model: base,
                dataset: nil, exitsOnInterrupt: false
            ) { try await InterruptHandler.cancelling { [restart] in
                try await trainer.train(request, restart: restart) { $0.show(on: reporter, write: StandardError.write) }
            } }
        } catch let error as TrainingError where error.kind == .interrupted {
            StandardError.write("interrupted; the checkpoint is saved in \(trainer.runDirectory(out)). Rerun the same command to resume.")
            throw ExitCode(130)
        }
        print(json ? try StandardError.jsonString(model) : model.summary.joined(separator: "\n"))
    }
}
