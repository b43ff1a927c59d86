/// The fixed wording of prompts. Changing any of it changes every golden render under
/// `Tests/ReasoningTests/Golden/` on purpose: regenerate them deliberately and review the diff.
enum PromptText {
    static let role = "You are an expert Python programmer."

    static func system(_ style: PromptStyle) -> String {
        switch style {
        case .direct:
            return role + " Answer with the complete solution in a single ```python code block and nothing else."
        case .chainOfThought:
            return role
                + " First reason step by step about the problem in plain prose. Then give the complete"
                + " solution in a single ```python code block at the end of your answer."
        case .pseudocode:
            return pseudocodeSystem
        case .evalplus:
            return ""  // never sent: EvalPlus's prompt has no system message
        }
    }

    /// EvalPlus's `instruction_prefix` for instruct models (evalplus `codegen.py`, `run_codegen`).
    static let evalPlusInstruction =
        "Please provide a self-contained Python script that solves the following problem in a markdown code block:"
    /// EvalPlus's `response_prefix`; the answer continues after it and an opened python fence.
    static let evalPlusResponse =
        "Below is a Python script with a self-contained function that solves the problem and passes corresponding tests:"

    /// The user turn of EvalPlus's chat prompt (`make_raw_chat_prompt`): the instruction, then the
    /// task prompt stripped of surrounding whitespace inside an untagged fence.
    static func evalPlusQuestion(_ prompt: String) -> String {
        evalPlusInstruction + "\n```\n" + prompt.trimmingWhitespace() + "\n```\n"
    }

    /// The start of EvalPlus's assistant turn: the response prefix and an opened python fence.
    static let evalPlusAnswerPrefix = evalPlusResponse + "\n```python\n"

    static let pseudocodeSystem = """
        You are an expert Python programmer. Solve the problem by reasoning in steps that turn \
        pseudocode into code. Each step takes exactly one action:

        Action 1 (structure): define the algorithm structure in pseudocode: the main functions, \
        their inputs and outputs and what each is responsible for, without implementation details.
        Action 2 (refine): refine part of the pseudocode with concrete steps, logic and operations. \
        Use it as many times as needed, one part at a time.
        Action 3 (code): write the complete Python code from the refined pseudocode, handling input \
        and output exactly as the task requires. This is always the last step.

        Write every step as
        <step action="ACTION">
        #### Goal: what this step does
        ...
        </step>
        where ACTION is structure, refine or code. Put pseudocode in a ```pseudo block and the final \
        program in one ```python block inside the code step. Write nothing outside the steps.
        """

    /// The user turn that poses `question` for a task of `shape`.
    static func question(_ question: String, shape: TaskShape, entryPoint: String?) -> String {
        let body = question.trimmingBlankLines()
        let name = entryPoint ?? "solution"
        switch shape {
        case .functionWithSignature:
            return "Complete the following Python function. Write the whole function `\(name)`, including its"
                + " signature; you may add imports and helper functions.\n\n```python\n\(body)\n```"
        case .functionFromDescription:
            return body + "\n\nWrite a Python function named `\(name)`; you may add imports and helper functions."
        case .standardIO:
            return body
                + "\n\nWrite a complete Python 3 program that reads the input from standard input and prints"
                + " the answer to standard output."
        }
    }

    /// An example's answer in `style`.
    static func answer(_ example: FewShotExample, style: PromptStyle) -> String {
        let fenced = "```python\n" + example.code.trimmingBlankLines() + "\n```"
        switch style {
        case .direct: return fenced
        case .chainOfThought: return example.reasoning.trimmingWhitespace() + "\n\n" + fenced
        case .pseudocode: return example.trace.rendered.trimmingWhitespace()
        case .evalplus: return evalPlusAnswerPrefix + example.code.trimmingBlankLines() + "\n```"
        }
    }
}
