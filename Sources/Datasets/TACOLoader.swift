internal import O1CoderCore

/// TACO JSONL (`question`, `solutions`, `input_output` = {`inputs`, `outputs`, `fn_name`?},
/// `difficulty`, …; `solutions`/`input_output` may also be JSON-encoded strings, as on HF).
///
/// - id `taco/<n>` with n the 0-based line index in the file (the record index: no blank lines);
/// - stdin tasks (no `fn_name`): `.standardIO(input, expected)`; an input or output stored as a
///   list of lines is joined with `\n`;
/// - call-based tasks: `.call(arguments: json(inputs[k]), expected: .jsonWrapped(json(outputs[k])))`
///   (TACO wraps return values in a one-element list; a non-list input becomes one argument);
/// - reference = `solutions[0]` when present;
/// - metadata: `difficulty`, `verification` (the shared copy's `verification.result`:
///   pass / fail / no-solution-or-tests), `source`, `starter_code`.
public struct TACOLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        try JSONLReader.problems(path: path, options: options) { try Self.problem(from: $0, index: $0.line - 1) }
    }

    static func problem(from record: DatasetRecord, index: Int) throws(DatasetError) -> Problem {
        let question = try record.string("question")
        let io = try record.decodedField("input_output")
        let truth: GroundTruth
        let cases: [TestCase]
        do {
            truth = try GroundTruth(json: io)
            cases = try truth.suite().cases
        } catch {
            throw record.invalid("input_output: \(error)")
        }
        var solutions: [String] = []
        if record.value["solutions"] != nil {
            solutions = (try record.decodedField("solutions")).arrayValue?.compactMap(\.stringValue) ?? []
        }
        var metadata: [String: String] = ["source.line": "\(record.line)"]
        metadata["difficulty"] = record.value["difficulty"]?.stringValue
        metadata["source"] = record.value["source"]?.stringValue
        metadata["verification"] = record.value["verification"]?["result"]?.stringValue
        if let starter = record.value["starter_code"]?.stringValue, !starter.isEmpty {
            metadata["starter_code"] = starter
        }
        return Problem(
            id: ProblemID("taco/\(index)"), dataset: .taco, prompt: question,
            style: truth.style,
            referenceSolution: solutions.first, completionMode: .fullProgram, tests: TestSuite(cases: cases),
            split: record.value["split"]?.stringValue ?? "train", metadata: metadata)
    }
}
