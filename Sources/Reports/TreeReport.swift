public import O1CoderCore

/// Everything the HTML tree viewer shows, as a plain value assembled from the run store.
public struct TreeReport: Codable, Sendable, Hashable {
    public var title: String
    /// Run-level facts shown in the summary table, in order (label, value).
    public var summary: [SummaryItem]
    public var problems: [ProblemTree]

    public init(title: String, summary: [SummaryItem], problems: [ProblemTree]) {
        self.title = title
        self.summary = summary
        self.problems = problems
    }

    public struct SummaryItem: Codable, Sendable, Hashable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public struct ProblemTree: Codable, Sendable, Hashable {
        public var id: ProblemID
        public var prompt: String
        public var solved: Bool
        public var bestReward: Double
        public var rollouts: Int
        public var generatedTokens: Int
        public var nodes: [Node]
        public init(
            id: ProblemID, prompt: String, solved: Bool, bestReward: Double, rollouts: Int, generatedTokens: Int,
            nodes: [Node]
        ) {
            self.id = id
            self.prompt = prompt
            self.solved = solved
            self.bestReward = bestReward
            self.rollouts = rollouts
            self.generatedTokens = generatedTokens
            self.nodes = nodes
        }
    }

    public struct Node: Codable, Sendable, Hashable {
        public var index: Int
        public var parent: Int?
        public var depth: Int
        public var action: ReasoningAction?
        public var text: String?
        public var visits: Int
        /// Q/N, or the reward for terminals, in [0, 1].
        public var value: Double
        public var reward: Double?
        public var isTerminal: Bool
        /// Verdict lines, e.g. "search: passed (3/3)".
        public var verdicts: [String]
        public init(
            index: Int, parent: Int?, depth: Int, action: ReasoningAction?, text: String?, visits: Int, value: Double,
            reward: Double?, isTerminal: Bool, verdicts: [String]
        ) {
            self.index = index
            self.parent = parent
            self.depth = depth
            self.action = action
            self.text = text
            self.visits = visits
            self.value = value
            self.reward = reward
            self.isTerminal = isTerminal
            self.verdicts = verdicts
        }
    }
}
