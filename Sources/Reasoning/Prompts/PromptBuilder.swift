public import Inference
public import O1CoderCore

/// Builds chat prompts for the three prompt styles. Pure: the same inputs give the same messages.
///
/// Layout: a system message with the style's instructions, then each few-shot example as a
/// user turn (the question) and an assistant turn (its answer in the style), then the problem as
/// the last user turn. Step-wise generation adds a final, unfinished assistant turn holding the
/// steps so far (``StepFormat/continuationPrefix(after:forcing:)``), which the model continues.
public struct PromptBuilder: Sendable, Hashable {
    public var library: FewShotLibrary
    /// The most few-shot examples per prompt (0 for zero-shot).
    public var maxExamples: Int

    public init(library: FewShotLibrary, maxExamples: Int = 2) {
        self.library = library
        self.maxExamples = maxExamples
    }

    /// The messages that ask for a whole answer to `problem` in `style`. The EvalPlus style is
    /// its own layout: one user turn and the pre-filled assistant turn, no system message and no
    /// examples (``PromptStyle/evalplus``).
    public func messages(for problem: Problem, style: PromptStyle) -> [ChatMessage] {
        if style == .evalplus {
            return [.user(PromptText.evalPlusQuestion(problem.prompt)), .assistant(PromptText.evalPlusAnswerPrefix)]
        }
        let shape = TaskShape(problem: problem)
        var messages: [ChatMessage] = [.system(PromptText.system(style))]
        for example in library.examples(for: shape, limit: maxExamples) {
            messages.append(.user(PromptText.question(example.question, shape: example.shape, entryPoint: example.entryPoint)))
            messages.append(.assistant(PromptText.answer(example, style: style)))
        }
        messages.append(.user(PromptText.question(problem.prompt, shape: shape, entryPoint: problem.entryPoint)))
        return messages
    }

    /// The messages that ask for the step after `trace` in the pseudocode style: the pseudocode
    /// prompt plus a final assistant message with the partial answer.
    /// - Parameter action: forces the next step's action (its opening tag ends the partial
    ///   answer); nil lets the model choose the label.
    public func stepMessages(for problem: Problem, after trace: ReasoningTrace, forcing action: ReasoningAction?)
        -> [ChatMessage]
    {
        messages(for: problem, style: .pseudocode)
            + [.assistant(StepFormat.continuationPrefix(after: trace, forcing: action))]
    }
}
