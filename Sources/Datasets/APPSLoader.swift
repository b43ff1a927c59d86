internal import O1CoderCore

/// APPS as in MapCoder's selection (`id`, `description`, `difficulty`, `starter_code`,
/// `test_list` = [{`input`, `output`: [..]}]). No reference solutions.
///
/// - id `apps/<id>`;
/// - empty `starter_code`: stdin/stdout task, `.standardIO(input, output joined with "\n")`;
/// - otherwise call-based on the function `starter_code` defines: `input` is argument text. The
///   whole text parsed as one JSON value is one argument; otherwise each line is one argument,
///   parsed as JSON when it is JSON and taken as a string when not (`12x+2\n3` → `["12x+2", 3]`).
///   Expected: `.jsonWrapped(json(output))` (the output list wraps the value);
/// - metadata: `difficulty`, `starter_code`, `name`.
public struct APPSLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        try JSONLReader.problems(path: path, options: options) { try Self.problem(from: $0) }
    }

    static func problem(from record: DatasetRecord) throws(DatasetError) -> Problem {
        let id: String
        if let s = record.value["id"]?.stringValue {
            id = s
        } else {
            id = String(try record.int("id"))
        }
        let description = try record.string("description")
        let starter = try record.optionalString("starter_code") ?? ""
        let isCallBased = !starter.trimmingPrefixWhitespace.isEmpty
            && !starter.allSatisfy { $0 == " " || $0 == "\n" || $0 == "\t" }
        var entryPoint: String?
        if isCallBased {
            guard let name = EntryPointFinder.definedFunctions(inOrder: starter).first else {
                throw record.invalid("starter_code defines no function")
            }
            entryPoint = name
        }
        var cases: [TestCase] = []
        for test in try record.array("test_list") {
            guard let input = test["input"]?.stringValue, let output = test["output"] else {
                throw record.invalid("a test_list item lacks a string 'input' or an 'output'")
            }
            if isCallBased {
                cases.append(.call(arguments: Self.arguments(fromText: input).jsonText, expected: .jsonWrapped(output.jsonText)))
            } else {
                guard let expected = GroundTruth.joinedText(output) else {
                    throw record.invalid("a stdin/stdout test output is not text")
                }
                cases.append(.standardIO(input: input, expectedOutput: expected))
            }
        }
        var metadata: [String: String] = ["source.line": "\(record.line)"]
        metadata["difficulty"] = record.value["difficulty"]?.stringValue
        metadata["name"] = record.value["name"]?.stringValue
        if isCallBased { metadata["starter_code"] = starter }
        return Problem(
            id: ProblemID("apps/\(id)"), dataset: .apps, prompt: description,
            style: entryPoint.map { .function(entryPoint: $0) } ?? .standardIO, referenceSolution: nil,
            completionMode: .fullProgram, tests: TestSuite(cases: cases),
            split: record.value["split"]?.stringValue, metadata: metadata)
    }

    /// Argument list from APPS argument text; see the type's documentation.
    static func arguments(fromText text: String) -> JSONValue {
        if let whole = try? JSONValue.parse(text) { return .array([whole]) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return .array(lines.map { line in (try? JSONValue.parse(line)) ?? .string(line) })
    }
}
