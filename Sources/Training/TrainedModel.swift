public import Foundation
import Inference
public import Models

/// The record of one trained model: what it was trained from, on what, how, and what came out.
/// Saved as `training.json` beside the model's spec, so every later run can name its ancestry.
public struct TrainedModel: Codable, Sendable, Equatable {
    public var name: String
    public var method: TrainingMethod
    /// The model it was trained from (a registry model, or a trained model whose adapter it continues).
    public var parent: String
    public var data: String
    public var dataSHA256: String
    public var records: Int
    public var hyperparameters: TrainingHyperparameters
    /// The trainer's final numbers (train_loss, train_runtime, peak_rss_bytes, …).
    public var metrics: [String: Double]
    public var steps: Int
    /// The checkpoint the last invocation resumed from, if any.
    public var resumedFrom: String?
    public var torch: String
    public var lockSHA256: String
    public var created: Date
    /// The GGUF adapter the engine applies, and the PEFT adapter a later training continues.
    public var adapter: String
    public var peftAdapter: String
    public var spec: ModelSpec
    /// SFT and DPO: whether the policy or the test case generator was trained (nil in records
    /// written before `--for`, and for PRM and GRPO).
    public var purpose: TrainingPurpose?
    /// The `--config` file the hyper-parameters were resolved with; ``hyperparameters`` holds
    /// the resolved values (defaults, then the file, then the flags).
    public var configFile: String?
}

extension TrainedModel {
    /// The final numbers a summary shows, in this order, where the trainer reported them.
    static let summaryMetrics = [
        "train_loss", "mean_reward", "train_runtime", "peak_rss_bytes", "base_eval_roc_auc", "eval_roc_auc", "base_eval_step_accuracy",
        "eval_step_accuracy", "base_eval_pair_accuracy", "eval_pair_accuracy", "base_eval_pair_loss", "eval_pair_loss",
    ]

    /// What was trained from what, its final metrics and how to use it, as lines for a terminal.
    public var summary: [String] {
        let what = [purpose.map(\.rawValue), hyperparameters.prmObjective?.rawValue].compactMap { $0 }
        var lines = ["trained \(name) (\(([method.rawValue] + what).joined(separator: ", ")), \(steps) steps on \(records) records from \(parent))"]
        for key in Self.summaryMetrics { if let value = metrics[key] { lines.append("  \(key): \(value)") } }
        if let resumedFrom { lines.append("  resumed from \(resumedFrom)") }
        lines += ["  adapter: \(adapter)", "use it with --model \(name)"]
        return lines
    }
}
