public import Inference

/// SFT example in TRL's conversational layout: the prompt messages then the assistant's trace.
public struct SFTExample: Codable, Sendable, Hashable {
    public var messages: [ChatMessage]
    public var problemId: String
    public var reward: Double

    enum CodingKeys: String, CodingKey {
        case messages
        case problemId = "problem_id"
        case reward
    }
}

/// Point-wise PRM example in TRL's stepwise-supervision layout (`prompt`, `completions`,
/// `labels`), with the soft values beside the hard labels.
public struct PRMExample: Codable, Sendable, Hashable {
    public var prompt: String
    public var completions: [String]
    public var labels: [Bool]
    public var values: [Double]
    public var hasFinalStep: Bool
    public var problemId: String

    enum CodingKeys: String, CodingKey {
        case prompt, completions, labels, values
        case hasFinalStep = "has_final_step"
        case problemId = "problem_id"
    }
}

/// Pair-wise PRM example: two sibling steps after the same prefix, the better one first.
public struct PRMPair: Codable, Sendable, Hashable {
    public var prompt: String
    public var prefix: [String]
    public var chosen: String
    public var rejected: String
    public var chosenValue: Double
    public var rejectedValue: Double
    public var problemId: String

    enum CodingKeys: String, CodingKey {
        case prompt, prefix, chosen, rejected
        case chosenValue = "chosen_value"
        case rejectedValue = "rejected_value"
        case problemId = "problem_id"
    }
}

/// DPO pair in TRL's conversational preference layout.
public struct DPOPair: Codable, Sendable, Hashable {
    public var prompt: [ChatMessage]
    public var chosen: [ChatMessage]
    public var rejected: [ChatMessage]
    /// Each side's ranking score (``TraceRanking``): the outcome reward, or φ.
    public var chosenReward: Double
    public var rejectedReward: Double
    public var problemId: String

    enum CodingKeys: String, CodingKey {
        case prompt, chosen, rejected
        case chosenReward = "chosen_reward"
        case rejectedReward = "rejected_reward"
        case problemId = "problem_id"
    }
}
