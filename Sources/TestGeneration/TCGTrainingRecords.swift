public import Inference
public import O1CoderCore

/// One SFT example in TRL's conversational prompt–completion format:
/// `{"prompt": [{"role", "content"}...], "completion": [{"role": "assistant", ...}]}`.
/// TRL's `SFTTrainer` trains on the completion only (the prompt is masked, decision D9).
public struct TCGSFTRecord: Codable, Sendable, Hashable {
    public var prompt: [ChatMessage]
    public var completion: [ChatMessage]

    public init(prompt: [ChatMessage], completion: [ChatMessage]) {
        self.prompt = prompt
        self.completion = completion
    }

    /// Characters of all message contents (the size cap is applied to this).
    public var characterCount: Int { (prompt + completion).reduce(0) { $0 + $1.content.count } }
}

/// One preference pair in TRL's conversational preference format:
/// `{"prompt": [...], "chosen": [assistant], "rejected": [assistant]}` (for `DPOTrainer`).
public struct TCGPreferenceRecord: Codable, Sendable, Hashable {
    public var prompt: [ChatMessage]
    public var chosen: [ChatMessage]
    public var rejected: [ChatMessage]

    public init(prompt: [ChatMessage], chosen: [ChatMessage], rejected: [ChatMessage]) {
        self.prompt = prompt
        self.chosen = chosen
        self.rejected = rejected
    }
}

/// How a DPO negative was made (decision D10: harder than the paper's shuffled outputs).
public enum DPONegativeKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// The chosen outputs permuted so that no input keeps an equal output.
    case derangement
    /// The outputs a known-wrong solution (mutant or failing sample) gives on the chosen inputs.
    case wrongSolution = "wrong-solution"
    /// One output changed by a near miss (±1, off-by-one, flipped boolean).
    case perturbation
}

/// A preference record with where it came from (the record alone is what goes in the JSONL).
public struct TCGPreferencePair: Sendable, Hashable {
    public var problemID: ProblemID
    public var negative: DPONegativeKind
    public var record: TCGPreferenceRecord
}

/// The outputs of one known-wrong solution on ground-truth inputs, keyed by
/// ``ProposedTest/deduplicationKey`` (inputs it crashed on are absent).
public struct WrongSolutionOutputs: Sendable, Hashable {
    public var label: String
    public var outputs: [String: ProposedTest.Output]

    public init(label: String, outputs: [String: ProposedTest.Output]) {
        self.label = label
        self.outputs = outputs
    }
}

/// Options of the TCG training-data builders. The caps are generous on purpose (decision D9:
/// the release's 100-character case cap and 3000-character document cap taught tiny tests).
public struct TCGTrainingOptions: Codable, Sendable, Hashable {
    /// Tests per example, sampled without replacement (fewer when the problem has fewer).
    public var testsPerExample: Int
    /// Distinct test samples (examples) per problem.
    public var examplesPerProblem: Int
    /// A ground-truth test whose rendered block is longer than this is never sampled.
    public var maxCaseCharacters: Int
    /// An example whose prompt and completion together are longer than this is dropped.
    public var maxExampleCharacters: Int
    /// SFT target: inputs and outputs (`full`) or inputs only.
    public var mode: TestGenerationMode
    /// Include the worked example turn in the prompt (same as at inference).
    public var includeExample: Bool
    /// Negative kinds to build, one pair each per example when possible. When a derangement is
    /// impossible (one output value fills more than half the tests), a perturbation is used.
    public var negativeKinds: [DPONegativeKind]

    public init(
        testsPerExample: Int = 5, examplesPerProblem: Int = 1, maxCaseCharacters: Int = 2_000,
        maxExampleCharacters: Int = 16_000, mode: TestGenerationMode = .full, includeExample: Bool = true,
        negativeKinds: [DPONegativeKind] = DPONegativeKind.allCases
    ) {
        self.testsPerExample = testsPerExample
        self.examplesPerProblem = examplesPerProblem
        self.maxCaseCharacters = maxCaseCharacters
        self.maxExampleCharacters = maxExampleCharacters
        self.mode = mode
        self.includeExample = includeExample
        self.negativeKinds = negativeKinds
    }
}
