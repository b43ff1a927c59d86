internal import O1CoderCore

/// Sanitized MBPP (`sanitized-mbpp.json`: one JSON array of `task_id`, `prompt`, `code`,
/// `test_imports`, `test_list`).
///
/// Same shape as ``MBPPLoader`` (id `Mbpp/<task_id>`, prompt = docstring with the prompt text and
/// the first assert, entry point from that assert), except that `test_imports` go in
/// `suite.preamble` (run before the program). Line numbers in errors are element numbers (1-based).
public struct SanitizedMBPPLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        let bytes = try JSONLReader(path: path).readAll()
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes: bytes)
        } catch {
            throw DatasetError(.malformedJSON, path: path, detail: "\(error.reason) at byte \(error.offset)")
        }
        guard let elements = document.arrayValue else {
            throw DatasetError(.invalidRecord, path: path, detail: "expected one JSON array of problems")
        }
        var problems: [Problem] = []
        var warnings: [DatasetWarning] = []
        for (index, element) in elements.enumerated() {
            let record = DatasetRecord(value: element, path: path, line: index + 1)
            do {
                problems.append(try Self.problem(from: record))
            } catch {
                guard options.skipMalformed else { throw error }
                warnings.append(DatasetWarning(path: path, line: record.line, message: "skipped: \(error.detail)"))
            }
        }
        return LoadedProblems(problems: problems, warnings: warnings)
    }

    static func problem(from record: DatasetRecord) throws(DatasetError) -> Problem {
        let taskID = try record.int("task_id")
        let text = try record.string("prompt").normalizingNewlines
        let code = try record.string("code").normalizingNewlines
        let tests = try record.strings("test_list").map(\.normalizingNewlines)
        let imports = record.value["test_imports"] == nil ? [] : try record.strings("test_imports")
        guard let firstTest = tests.first else { throw record.invalid("field 'test_list' is empty") }
        guard let entryPoint = EntryPointFinder.calledFunction(in: firstTest, definedIn: code) else {
            throw record.invalid("cannot tell which function test_list[0] calls")
        }
        let preamble = imports.isEmpty ? "" : imports.joined(separator: "\n") + "\n"
        return Problem(
            id: ProblemID("Mbpp/\(taskID)"), dataset: .mbppSanitized,
            prompt: "\"\"\"\n\(text)\n\(firstTest)\n\"\"\"\n", style: .function(entryPoint: entryPoint),
            referenceSolution: code, completionMode: .fullProgram,
            tests: TestSuite(preamble: preamble, cases: tests.map { .assertion($0) }),
            split: MBPPSplit(taskID: taskID)?.rawValue, metadata: ["source.line": "\(record.line)"])
    }
}
