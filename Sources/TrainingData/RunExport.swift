import Foundation
public import Reasoning
public import RunStorage
public import O1CoderCore

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
    /// Every record of `format` from a search run in `store`, as JSONL text, and their count.
    /// Prompts are built by `prompts` with the pseudocode style, as the search saw them.
    public func export(run: RunID, from store: RunStore, format: ProcessDataFormat, prompts: PromptBuilder) throws -> (jsonl: String, count: Int) {
        var lines = ""
        var count = 0
        for row in try store.problems(run: run) {
            let problem = row.problem
            let searched = SearchedProblem(
                problem: problem, nodes: try store.nodes(run: run, problem: row.problemId),
                executions: try store.executions(run: run, problem: row.problemId))
            let prompt = prompts.messages(for: problem, style: .pseudocode)
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
