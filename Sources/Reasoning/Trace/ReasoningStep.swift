public import O1CoderCore
/// One reasoning step: one action and the text the model wrote for it.
///
/// The text is stored without surrounding whitespace and without the step delimiters; it must not
/// contain the step-end delimiter (``StepFormat/stepEnd``), which a model cannot produce anyway
/// because generation stops on it.
public struct ReasoningStep: Codable, Sendable, Hashable {
    public var action: ReasoningAction
    public var text: String

    public init(action: ReasoningAction, text: String) {
        self.action = action
        self.text = text.trimmingWhitespace()
    }

    /// Whether this step ends a trace (its action is ``ReasoningAction/code``).
    public var isTerminal: Bool { action.isTerminal }

    /// The step in the canonical text form, e.g. `<step action="refine">\n…\n</step>`.
    public var rendered: String { StepFormat.render(self) }
}
