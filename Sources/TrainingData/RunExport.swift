import Foundation
public import Reasoning
public import RunStorage
public import O1CoderCore
public import Inference

/// The layouts `o1coder export` writes (TRL's SFT messages, point-wise and pair-wise PRM, DPO, rStar-Math's PPM pairs).
public enum ProcessDataFormat: String, CaseIterable, Codable, Sendable {
    case sft
    case prm
    case prmPairs = "prm-pairs"
    case dpo
    /// rStar-Math's process preference pairs (`prompt, pos, neg, …`).
    case ppm
}

extension ProcessDataExporter {
    /// Every problem of a search run in `store` with its tree and executions.
    public func searchedProblems(run: RunID, from store: RunStore) throws -> [SearchedProblem] {
        try store.problems(run: run).map { row in
            SearchedProblem(
                problem: row.problem, nodes: try store.nodes(run: run, problem: row.problemId),
                executions: try store.executions(run: run, problem: row.problemId))
        }
    }

    /// Every record of `format` from a search run in `store`, as JSONL text, and their count.
    /// Prompts are built by `prompts` with the pseudocode style, as the search saw them.
    public func export(run: RunID, from store: RunStore, format: ProcessDataFormat, prompts: PromptBuilder) throws -> (jsonl: String, count: Int) {
        try export(try searchedProblems(run: run, from: store), format: format, prompts: prompts)
    }

    /// As ``export(run:from:format:prompts:)``, DPO pairs ranked with `processRewards`' step
    /// scores in φ (``TraceRanking/aggregated(_:step:)``) instead of the tree's values. Only the
    /// problems that can form a pair are scored (one PRM pass per terminal path).
    public func export(
        run: RunID, from store: RunStore, format: ProcessDataFormat, prompts: PromptBuilder, processRewards: any ProcessRewardModel
    ) async throws -> (jsonl: String, count: Int) {
        var problems = try searchedProblems(run: run, from: store)
        for i in problems.indices where problems[i].canFormPreferencePair {
            problems[i].processRewards = try await problems[i].stepScores(by: processRewards)
        }
        return try export(problems, format: format, prompts: prompts)
    }

    /// Every record of `format` from `problems`, as JSONL text, and their count.
    public func export(_ problems: [SearchedProblem], format: ProcessDataFormat, prompts: PromptBuilder) throws -> (jsonl: String, count: Int) {
        var lines = ""
        var count = 0
        for searched in problems {
            let prompt = prompts.messages(for: searched.problem, style: .pseudocode)
            switch format {
            case .sft:
                let r = sft(searched, prompt: prompt); count += r.count; lines += try JSONCoding.lines(r)
            case .prm:
                let r = prm(searched, prompt: prompt); count += r.count; lines += try JSONCoding.lines(r)
            case .prmPairs:
                let r = prmPairs(searched, prompt: prompt); count += r.count; lines += try JSONCoding.lines(r)
            case .dpo:
                let r = dpo(searched, prompt: prompt); count += r.count; lines += try JSONCoding.lines(r)
            case .ppm:
                let r = ppmPairs(searched, prompt: prompt); count += r.count; lines += try JSONCoding.lines(r)
            }
        }
        return (lines, count)
    }
}
