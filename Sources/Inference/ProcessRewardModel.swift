/// Scores the steps of a reasoning path: r¹…rᵐ in (0, 1), one per step, given the problem.
public protocol ProcessRewardModel: Sendable {
    func scores(problem: String, steps: [String]) async throws -> [Double]
}

/// The generative PRM format O1Coder trains (training/runner.py, spec 6.3): the path as the
/// assistant's answer with `tag` after every step; a step's score is P(`good`) against
/// P(`bad`) as the token after its tag.
public struct StepTagFormat: Codable, Sendable, Hashable {
    public var tag = " Rating"
    public var good = " +"
    public var bad = " -"
    public init() {}

    public func assistantText(_ steps: [String]) -> String { steps.map { $0 + tag }.joined() }
}

/// A PRM served by the embedded engine (a base model with a PRM adapter): one forward pass per
/// path, with the problem's prompt shared through the engine's prefix cache.
public struct LlamaProcessRewardModel: ProcessRewardModel {
    public let engine: LlamaEngine
    public let format: StepTagFormat

    public init(engine: LlamaEngine, format: StepTagFormat = .init()) {
        self.engine = engine
        self.format = format
    }

    public func scores(problem: String, steps: [String]) async throws -> [Double] {
        guard !steps.isEmpty else { return [] }
        let prompt = PromptInput.chat([.user(problem), .assistant(format.assistantText(steps))])
        return try await engine.tagProbabilities(prompt: prompt, count: steps.count, tag: format.tag, good: format.good, bad: format.bad)
    }
}
