import Datasets
import Execution
import Foundation
import Inference
import O1CoderCore
import Search

extension SearchRunConfiguration {
    /// The settings a person checks before trusting or re-running a run, as (setting, value)
    /// rows: `runs show` prints them as a table (`--config` prints the whole JSON).
    public var settings: [(String, String)] {
        let s = codeSearch.search
        let sampling = codeSearch.sampling
        let limits = codeSearch.limits
        let reward = rewardTests ?? .oracle
        var rows: [(String, String)] = [
            ("preset", preset.rawValue),
            ("dataset", "\(dataset.rawValue)\(split.isEmpty ? "" : " " + split.map(\.rawValue).joined(separator: "+"))"
                + (limit.map { " · limit \($0)" } ?? "") + (problems.isEmpty ? "" : " · \(problems.count) named problems")),
            ("model", "\(model) · context \(contextLength) · \(threads) threads"),
            ("reward tests", reward.rawValue + (reward == .oracle ? " (ORACLE: the reward saw the tests that decide solved)" : "")),
            ("rollouts · depth · width", "\(s.rollouts) · \(s.maxDepth) · \(s.width)"),
            ("selection", Self.describe(s.selection) + " · schedule \(s.schedule.rawValue)"),
            ("token budget", s.tokenBudget.map(String.init) ?? "none"),
            ("sampling", "temperature \(sampling.temperature) · max tokens \(sampling.maxTokens) · seed \(sampling.seed)"),
            ("search seed", "\(s.seed)"),
            ("sandbox limits", "cpu \(limits.cpuSeconds) s · wall \(limits.wallSeconds) s · memory \(limits.memory)"),
        ]
        if let generatedTestsPath { rows.append(("generated tests", generatedTestsPath)) }
        rows.append(("few-shot examples", fewShotPath ?? "bundled"))
        if let prm = codeSearch.processReward { rows.append(("process reward", "\(prm.model) · weight \(prm.weight)")) }
        return rows
    }

    static func describe(_ policy: SelectionPolicy) -> String {
        switch policy {
        case .uct(let c): "uct c=\(c)"
        case .puct(let c): "puct c=\(c)"
        }
    }
}
