public import O1CoderCore
/// The canonical text serialisation of reasoning steps.
///
/// ```
/// <step action="structure">
/// …pseudocode outline…
/// </step>
///
/// <step action="refine">
/// …
/// </step>
///
/// <step action="code">
/// ```python
/// …
/// ```
/// </step>
/// ```
///
/// - The action label is the raw value of ``ReasoningAction`` (`structure`, `refine`, `code`,
///   the paper's Action 1/2/3) in a double-quoted `action` attribute.
/// - ``stepEnd`` (`</step>`) ends a step and is the stop string for step-wise generation.
/// - A partial answer ends with ``openingPrefix`` (`<step action="`) so that the model's
///   continuation starts with the label it chooses, or with a full opening tag when the caller
///   forces the action (e.g. sampling code completions for ASPR).
public enum StepFormat {
    /// Ends every step; used as the stop string when generating one step at a time.
    public static let stepEnd = "</step>"
    /// The start of an opening tag, up to where the action label begins.
    public static let openingPrefix = "<step action=\""
    /// Separates rendered steps.
    public static let separator = "\n"

    /// The opening tag for `action`, e.g. `<step action="refine">`.
    public static func openingTag(_ action: ReasoningAction) -> String {
        openingPrefix + action.rawValue + "\">"
    }

    /// One step: opening tag, newline, text, newline, step end, newline.
    public static func render(_ step: ReasoningStep) -> String {
        openingTag(step.action) + "\n" + step.text + "\n" + stepEnd + "\n"
    }

    /// All steps, separated by a blank line.
    public static func render(_ trace: ReasoningTrace) -> String {
        trace.steps.map(render).joined(separator: separator)
    }

    /// The text an assistant message holds before the model writes the next step: the steps so
    /// far, then either the bare ``openingPrefix`` (the model picks the action) or the full opening
    /// tag of a forced action followed by a newline.
    public static func continuationPrefix(after trace: ReasoningTrace, forcing action: ReasoningAction?) -> String {
        let done = trace.steps.isEmpty ? "" : render(trace) + separator
        guard let action else { return done + openingPrefix }
        return done + openingTag(action) + "\n"
    }
}
