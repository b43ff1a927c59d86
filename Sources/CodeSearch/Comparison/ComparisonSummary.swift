public import O1CoderCore

/// The comparison's numbers: per arm and budget, the solved rate with a 95% bootstrap interval,
/// tokens, time and stop reasons, over the problems every arm finished at that budget (paired);
/// and McNemar's test between MCTS (standard) and the best sampling arm, and between the PRM arm
/// and the same search without the PRM.
public struct ComparisonSummary: Codable, Sendable, Hashable {
    public struct Cell: Codable, Sendable, Hashable {
        public var arm: ComparisonArm
        public var budget: Int
        public var problems: Int
        public var solved: Int
        public var rate: Double
        public var interval: ProportionInterval
        public var meanTokens: Double
        public var meanSeconds: Double
        public var stops: [String: Int]
    }

    public struct Paired: Codable, Sendable, Hashable {
        public var budget: Int
        public var first: ComparisonArm
        public var second: ComparisonArm
        public var problems: Int
        public var test: McNemarTest
    }

    public var cells: [Cell]
    public var paired: [Paired]
    /// Problems with every cell at every budget.
    public var completeProblems: Int

    public init(records: [ComparisonRecord], arms: [ComparisonArm], budgets: [Int], seed: UInt64 = 42) {
        var byKey: [String: ComparisonRecord] = [:]
        for r in records { byKey[r.key] = r }
        func record(_ arm: ComparisonArm, _ budget: Int, _ problem: ProblemID) -> ComparisonRecord? {
            byKey[ComparisonRecord.key(arm, arm.usesBudget ? budget : 0, problem)]
        }
        let problems = Array(Set(records.map(\.problem))).sorted { $0.rawValue < $1.rawValue }
        var cells: [Cell] = []
        var paired: [Paired] = []
        var complete = Set(problems)
        for budget in budgets.sorted() {
            let shared = problems.filter { p in arms.allSatisfy { record($0, budget, p) != nil } }
            complete.formIntersection(shared)
            for arm in arms.sorted() {
                let rs = shared.compactMap { record(arm, budget, $0) }
                let outcomes = rs.map(\.solved)
                let n = Double(max(1, rs.count))
                cells.append(
                    Cell(
                        arm: arm, budget: budget, problems: rs.count, solved: outcomes.filter { $0 }.count,
                        rate: Double(outcomes.filter { $0 }.count) / n,
                        interval: .bootstrap(outcomes, seed: seed),
                        meanTokens: Double(rs.reduce(0) { $0 + $1.generatedTokens }) / n,
                        meanSeconds: rs.reduce(0) { $0 + $1.seconds } / n,
                        stops: rs.reduce(into: [:]) { $0[$1.stop, default: 0] += 1 }))
            }
            let here = cells.filter { $0.budget == budget }
            func pair(_ first: ComparisonArm, _ second: ComparisonArm) {
                paired.append(
                    Paired(budget: budget, first: first, second: second, problems: shared.count,
                           test: McNemarTest(first: shared.compactMap { record(first, budget, $0)?.solved },
                                             second: shared.compactMap { record(second, budget, $0)?.solved })))
            }
            // MCTS against the best sampling arm; the PRM arm against the same search without it.
            if arms.contains(.mctsStandard),
                let rival = here.filter({ !$0.arm.isSearch }).max(by: { ($0.solved, -$0.meanTokens) < ($1.solved, -$1.meanTokens) })
            {
                pair(.mctsStandard, rival.arm)
            }
            if arms.contains(.mctsPUCTPRM), arms.contains(.mctsPUCT) { pair(.mctsPUCTPRM, .mctsPUCT) }
        }
        self.cells = cells
        self.paired = paired
        self.completeProblems = budgets.isEmpty ? 0 : complete.count
    }
}
