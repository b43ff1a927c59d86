public import O1CoderCore

/// How the model is asked to answer: the paper's baselines and its pseudocode method (Table 1).
public enum PromptStyle: String, Codable, Sendable, Hashable, CaseIterable {
    /// Code only, in one python fence.
    case direct
    /// Plain chain-of-thought prose, then code in one python fence ("vanilla CoT").
    case chainOfThought = "cot"
    /// Pseudocode reasoning in ``StepFormat`` steps: Action 1, Action 2 (repeatable), Action 3.
    case pseudocode
    /// EvalPlus's instruct prompt, as the published Qwen2.5-Coder numbers were measured: zero-shot,
    /// no system message (the model's template supplies its default), the problem in a fence, and
    /// the answer started with EvalPlus's response prefix and an opened python fence.
    case evalplus

    /// Whether the prompt's assistant turn is pre-filled up to an opened python fence, so the
    /// model writes bare code and the closing fence ends the answer.
    public var opensCodeFence: Bool { self == .evalplus }

    /// Whether the style uses few-shot examples (EvalPlus's prompt is zero-shot by definition).
    public var usesFewShot: Bool { self != .evalplus }
}

/// The shape of a task, which decides the wording of the question and the few-shot examples.
public enum TaskShape: String, Codable, Sendable, Hashable, CaseIterable {
    /// A function whose signature and docstring are given (HumanEval).
    case functionWithSignature
    /// A function described in prose with one example assert (MBPP).
    case functionFromDescription
    /// A program reading stdin and writing stdout (TACO, APPS).
    case standardIO

    /// Whether the answer is a function (rather than a program).
    public var isFunction: Bool { self != .standardIO }

    /// The shape of `problem`: stdin/stdout, or a function whose signature is in the prompt
    /// (`def <entryPoint>(` appears) or not.
    public init(problem: Problem) {
        switch problem.style {
        case .standardIO:
            self = .standardIO
        case .function(let entryPoint):
            let hasSignature = problem.prompt.split(separator: "\n").contains { line in
                let t = line.trimmingWhitespace()
                return t.hasPrefix("def \(entryPoint)(") || t.hasPrefix("async def \(entryPoint)(")
            }
            self = hasSignature ? .functionWithSignature : .functionFromDescription
        }
    }
}
