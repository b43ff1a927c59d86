/// An ordered chain of reasoning steps: the one canonical trace used by sampling, search, SFT
/// data, PRM data and RL (spec §9 D12).
///
/// A *complete* trace ends with exactly one ``ReasoningAction/code`` step; a *prefix* (the steps
/// before the code, as in ASPR) has none. The JSON form is `{"steps":[{"action":"structure",
/// "text":"…"},…]}`; the text form is ``rendered`` (see ``StepFormat``).
public struct ReasoningTrace: Codable, Sendable, Hashable {
    public var steps: [ReasoningStep]

    public init(steps: [ReasoningStep] = []) {
        self.steps = steps
    }

    /// Whether the last step is a code step.
    public var isComplete: Bool { steps.last?.isTerminal ?? false }

    /// The steps before the first code step (the whole trace when there is none).
    public var prefix: ReasoningTrace {
        ReasoningTrace(steps: Array(steps.prefix { !$0.isTerminal }))
    }

    /// The first code step, if any.
    public var codeStep: ReasoningStep? { steps.first { $0.isTerminal } }

    /// The trace with `step` appended.
    public func appending(_ step: ReasoningStep) -> ReasoningTrace {
        ReasoningTrace(steps: steps + [step])
    }

    /// The canonical text form: each step rendered, separated by one blank line, ending with a
    /// newline (empty for an empty trace).
    public var rendered: String { StepFormat.render(self) }
}
