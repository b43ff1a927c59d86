/// The benchmark families O1Coder reads. Each has its own loader in the `Datasets` target.
public enum DatasetName: String, Codable, Sendable, CaseIterable {
    /// OpenAI HumanEval `.jsonl(.gz)` (164 problems).
    case humaneval
    /// Original MBPP `mbpp.jsonl` (974 problems, upstream splits).
    case mbpp
    /// Sanitized MBPP `sanitized-mbpp.json` (427 problems).
    case mbppSanitized = "mbpp-sanitized"
    /// EvalPlus HumanEval+ `HumanEvalPlus-*.jsonl.gz`.
    case humanevalPlus = "humaneval-plus"
    /// EvalPlus MBPP+ `MbppPlus-*.jsonl.gz`.
    case mbppPlus = "mbpp-plus"
    /// TACO JSONL (stdin/stdout or call-based `input_output`).
    case taco
    /// APPS JSONL as in MapCoder's selection (`test_list` of input/output).
    case apps
    /// LiveCodeBench `code_generation_lite` JSONL (public and compressed private tests, dates).
    case livecodebench
    /// DeepMind CodeContests JSONL (public, private and generated stdin/stdout tests).
    case codecontests
}
