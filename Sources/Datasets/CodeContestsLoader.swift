internal import O1CoderCore

/// DeepMind's CodeContests (JSONL): `name`, `description`, `public_tests`, `private_tests`,
/// `generated_tests` (each `{input: [...], output: [...]}`, stdin/stdout), `solutions`
/// (`{language: [...], solution: [...]}`, language 3 = Python 3), `difficulty`, `source`.
///
/// - id `codecontests/<n>` (the 0-based record index) and the name in metadata;
/// - public tests are the problem's public tests; hidden = private + generated;
/// - reference = the first Python 3 solution, when there is one.
public struct CodeContestsLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        try JSONLReader.problems(path: path, options: options) { try Self.problem(from: $0, index: $0.line - 1) }
    }

    static func problem(from record: DatasetRecord, index: Int) throws(DatasetError) -> Problem {
        let description = try record.string("description")
        let shown = try tests(record, "public_tests")
        let hidden = try tests(record, "private_tests") + tests(record, "generated_tests")
        var reference: String?
        if let solutions = record.value["solutions"], let languages = solutions["language"]?.arrayValue,
            let sources = solutions["solution"]?.arrayValue
        {
            reference = zip(languages, sources).first { $0.0 == .number("3") }?.1.stringValue
        }
        var metadata: [String: String] = ["source.line": "\(record.line)"]
        metadata["name"] = try record.optionalString("name")
        if case .number(let d)? = record.value["difficulty"] { metadata["difficulty"] = d }
        return Problem(
            id: ProblemID("codecontests/\(index)"), dataset: .codecontests, prompt: description, style: .standardIO,
            referenceSolution: reference, completionMode: .fullProgram, tests: TestSuite(cases: shown + hidden),
            publicTests: TestSuite(cases: shown), split: try record.optionalString("split"), metadata: metadata)
    }

    static func tests(_ record: DatasetRecord, _ field: String) throws(DatasetError) -> [TestCase] {
        guard let group = record.value[field], group != .null else { return [] }
        guard let inputs = group["input"]?.arrayValue, let outputs = group["output"]?.arrayValue else {
            throw record.invalid("'\(field)' needs 'input' and 'output' lists")
        }
        guard inputs.count == outputs.count else {
            throw record.invalid("'\(field)' has \(inputs.count) inputs but \(outputs.count) outputs")
        }
        var cases: [TestCase] = []
        for (k, (input, output)) in zip(inputs, outputs).enumerated() {
            guard let stdin = input.stringValue, let stdout = output.stringValue else {
                throw record.invalid("'\(field)' test \(k) is not a pair of strings")
            }
            cases.append(.standardIO(input: stdin, expectedOutput: stdout))
        }
        return cases
    }
}
