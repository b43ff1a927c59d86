/// The per-problem counts of a run added up (what `runs`, `report` and `search` print).
public struct RunTotals: Sendable, Hashable {
    public var problems = 0
    public var solved = 0
    public var generatedTokens = 0
    public var promptTokensEvaluated = 0
    public var promptTokensReused = 0

    public init(_ rows: [ProblemRecord]) {
        problems = rows.count
        for row in rows {
            if row.solved { solved += 1 }
            generatedTokens += row.generatedTokens
            promptTokensEvaluated += row.promptTokensEvaluated
            promptTokensReused += row.promptTokensReused
        }
    }
}
