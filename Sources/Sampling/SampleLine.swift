public import O1CoderCore
public import Reasoning

/// One line of `samples.jsonl`: human-eval's samples format (`task_id`, `completion_id`,
/// `solution`, readable by `o1coder eval`) plus the trace, the parse outcome and the verdict.
/// An unparsable answer has an empty `solution` and its `parse_failure`.
public struct SampleLine: Codable, Sendable, Hashable {
    public var taskID: ProblemID
    /// Index among the problem's samples (prefix by prefix).
    public var completionID: Int
    public var prefixIndex: Int
    /// The extracted program ("" when unparsable).
    public var solution: String
    /// The whole reasoning trace that produced the program, as text.
    public var trace: String
    public var parseFailure: String?
    public var parseIssues: [String]
    public var verdict: String
    public var passed: Bool

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case completionID = "completion_id"
        case prefixIndex = "prefix_index"
        case solution, trace
        case parseFailure = "parse_failure"
        case parseIssues = "parse_issues"
        case verdict, passed
    }

    /// The lines of `records`, in record order.
    public static func lines(records: [SampledProblem], style: PromptStyle, samplingProtocol: SamplingProtocol)
        -> [SampleLine]
    {
        var out: [SampleLine] = []
        for record in records {
            var id = 0
            for prefix in record.prefixes {
                for completion in prefix.completions {
                    out.append(
                        SampleLine(
                            taskID: record.taskID, completionID: id, prefixIndex: prefix.index,
                            solution: completion.code ?? "",
                            trace: traceText(prefix: prefix, completion: completion, style: style, samplingProtocol: samplingProtocol),
                            parseFailure: completion.parseFailure, parseIssues: completion.parseIssues,
                            verdict: completion.verdict, passed: completion.passed))
                    id += 1
                }
            }
        }
        return out
    }

    /// The full answer text: the prefix joined to the completion the way it was prompted.
    public static func traceText(
        prefix: PrefixRecord, completion: CompletionRecord, style: PromptStyle, samplingProtocol: SamplingProtocol
    ) -> String {
        guard samplingProtocol.measuresASPR else { return completion.rawText }
        let body = ChainOfThoughtPrefix.trimTrailing(completion.rawText)
        switch style {
        case .pseudocode:
            let code = StepFormat.openingTag(.code) + "\n" + body + "\n" + StepFormat.stepEnd + "\n"
            return prefix.text.isEmpty ? code : prefix.text + StepFormat.separator + code
        case .chainOfThought, .direct, .evalplus:
            let code = "```python\n" + body + "\n```"
            return prefix.text.isEmpty ? code : prefix.text + "\n\n" + code
        }
    }
}
