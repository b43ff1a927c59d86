/// Why a model output could not be turned into a usable trace or program. Recorded as data, never
/// thrown: an unparsable generation is an experimental outcome.
public enum ParseFailure: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The output is empty or whitespace.
    case emptyOutput
    /// No step delimiters or step headers were found.
    case noSteps
    /// Step `step` (0-based) carries no readable action label.
    case missingActionLabel(step: Int)
    /// A complete trace was expected but no step is a code step.
    case noCodeStep
    /// The code step (or a direct answer) holds no Python code.
    case noCode

    /// A stable identifier for the failure kind (used by fixtures and reports).
    public var kind: String {
        switch self {
        case .emptyOutput: "emptyOutput"
        case .noSteps: "noSteps"
        case .missingActionLabel: "missingActionLabel"
        case .noCodeStep: "noCodeStep"
        case .noCode: "noCode"
        }
    }

    public var description: String {
        switch self {
        case .emptyOutput: "The model output is empty."
        case .noSteps: "No reasoning steps were found (no <step action=…> tags or 'Step k:' headers)."
        case .missingActionLabel(let step): "Step \(step + 1) has no readable action label."
        case .noCodeStep: "The trace has no code step (Action 3)."
        case .noCode: "No Python code was found."
        }
    }
}

/// Something irregular that the parser repaired or noted while still producing a result.
public enum ParseIssue: Codable, Sendable, Hashable, CustomStringConvertible {
    /// A step had no step-end delimiter (it ran to the next step or the end of the text).
    case missingStepEnd(step: Int)
    /// A step header was repeated (`### Step 3: ### Step 3:` or a doubled opening tag).
    case duplicateHeader(step: Int)
    /// Non-blank text stood outside any step and was dropped.
    case textOutsideSteps
    /// Steps followed the first code step and were dropped.
    case stepsAfterCode(count: Int)
    /// A single-step continuation held more than one step; only the first was kept.
    case extraStepsDropped(count: Int)
    /// Steps used the legacy Markdown headers (`### Step k: … (Action n)`), not the tag format.
    case legacyHeaders
    /// The action of step `step` was inferred from its content (lenient label policy only).
    case actionInferred(step: Int)
    /// Several candidate code blocks were present; the last one was taken.
    case multipleCodeBlocks(count: Int)
    /// The code came from a fence without a language tag.
    case untaggedFence
    /// The code came from a fence that was never closed.
    case unclosedFence
    /// The code came from unfenced lines surrounded by prose.
    case proseAroundCode
    /// The code does not define the entry point the tests call at top level.
    case entryPointNotDefined(expected: String, defined: [String])
    /// Generation hit the token limit, so the last step may be cut short.
    case truncated
    /// The repetition guard stopped a loop; the repeated lines were dropped.
    case repetitionStopped

    /// A stable identifier for the issue kind (used by fixtures and reports).
    public var kind: String {
        switch self {
        case .missingStepEnd: "missingStepEnd"
        case .duplicateHeader: "duplicateHeader"
        case .textOutsideSteps: "textOutsideSteps"
        case .stepsAfterCode: "stepsAfterCode"
        case .extraStepsDropped: "extraStepsDropped"
        case .legacyHeaders: "legacyHeaders"
        case .actionInferred: "actionInferred"
        case .multipleCodeBlocks: "multipleCodeBlocks"
        case .untaggedFence: "untaggedFence"
        case .unclosedFence: "unclosedFence"
        case .proseAroundCode: "proseAroundCode"
        case .entryPointNotDefined: "entryPointNotDefined"
        case .truncated: "truncated"
        case .repetitionStopped: "repetitionStopped"
        }
    }

    public var description: String {
        switch self {
        case .missingStepEnd(let s): "Step \(s + 1) has no </step>."
        case .duplicateHeader(let s): "Step \(s + 1) repeats its header."
        case .textOutsideSteps: "Text outside the steps was dropped."
        case .stepsAfterCode(let n): "\(n) step(s) after the code step were dropped."
        case .extraStepsDropped(let n): "\(n) extra step(s) in one continuation were dropped."
        case .legacyHeaders: "Steps use legacy 'Step k:' headers."
        case .actionInferred(let s): "The action of step \(s + 1) was inferred from its content."
        case .multipleCodeBlocks(let n): "\(n) code blocks were found; the last was taken."
        case .untaggedFence: "The code fence has no language tag."
        case .unclosedFence: "The code fence is not closed."
        case .proseAroundCode: "The code is not fenced and is surrounded by prose."
        case .entryPointNotDefined(let e, let d):
            "The code does not define '\(e)' at top level (defines: \(d.joined(separator: ", ")))."
        case .truncated: "Generation stopped at the token limit."
        case .repetitionStopped: "Generation repeated itself and was stopped; the repeats were dropped."
        }
    }
}
