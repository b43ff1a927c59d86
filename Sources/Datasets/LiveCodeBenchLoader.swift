internal import Foundation
internal import O1CoderCore

/// LiveCodeBench's `code_generation_lite` release (JSONL): `question_title`, `question_content`,
/// `platform`, `question_id`, `contest_id`, `contest_date`, `starter_code`, `difficulty`,
/// `public_test_cases` (a JSON string: `[{input, output, testtype}]`), `private_test_cases`
/// (the same list as a JSON string, or base64 of zlib of a pickled JSON string), `metadata` (a
/// JSON string with `func_name` for functional problems).
///
/// - id `lcb/<question_id>`; `split` = `contest_date`'s day (for contamination windows,
///   `LoadOptions.since` / `until` keep only problems dated within them);
/// - `stdin` tests: `.standardIO`; `functional` tests (LeetCode's `class Solution`): each input
///   line is one JSON argument, the output a JSON value, called as `func_name`;
/// - public tests are the problem's public tests; hidden = private.
///
/// The private tests are never unpickled by a general unpickler: only a pickled string is
/// accepted (``PickledString``).
public struct LiveCodeBenchLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        try JSONLReader.problems(path: path, options: options) { record in
            let problem = try Self.problem(from: record)
            return options.admits(date: problem.split) ? problem : nil
        }
    }

    static func problem(from record: DatasetRecord) throws(DatasetError) -> Problem {
        let id = try record.string("question_id")
        let content = try record.string("question_content")
        let starter = try record.optionalString("starter_code") ?? ""
        var functionName: String?
        if let metadata = try record.optionalString("metadata"), !metadata.isEmpty {
            guard let parsed = try? JSONValue.parse(metadata) else { throw record.invalid("'metadata' is not a JSON string") }
            functionName = parsed["func_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        let publicCases = try tests(try record.string("public_test_cases"), record, field: "public_test_cases", function: functionName)
        let privateCases = try tests(try privateText(record), record, field: "private_test_cases", function: functionName)
        let date = (try record.optionalString("contest_date")).map { String($0.prefix(10)) }
        var metadata: [String: String] = ["source.line": "\(record.line)"]
        metadata["platform"] = try record.optionalString("platform")
        metadata["difficulty"] = try record.optionalString("difficulty")
        metadata["contest_id"] = try record.optionalString("contest_id")
        metadata["title"] = try record.optionalString("question_title")
        if !starter.isEmpty { metadata["starter_code"] = starter }
        let prompt = starter.isEmpty ? content : content + "\n\nStarter code:\n```python\n" + starter + "\n```"
        return Problem(
            id: ProblemID("lcb/\(id)"), dataset: .livecodebench, prompt: prompt,
            style: functionName.map { .function(entryPoint: $0) } ?? .standardIO, referenceSolution: nil,
            completionMode: .fullProgram, tests: TestSuite(cases: publicCases + privateCases),
            publicTests: TestSuite(cases: publicCases), split: date, metadata: metadata)
    }

    /// The private tests' JSON text: as stored, or decoded from base64(zlib(pickle(str))).
    static func privateText(_ record: DatasetRecord) throws(DatasetError) -> String {
        guard let stored = try record.optionalString("private_test_cases"), !stored.isEmpty else { return "[]" }
        if stored.first == "[" { return stored }
        guard let compressed = Data(base64Encoded: stored) else {
            throw record.invalid("'private_test_cases' is neither a JSON list nor base64")
        }
        let pickled: [UInt8]
        do { pickled = try Zlib.inflate(Array(compressed)) } catch {
            throw record.invalid("'private_test_cases' does not inflate: \(error.detail)")
        }
        do { return try PickledString.decode(pickled) } catch {
            throw record.invalid("'private_test_cases' is not a pickled string, refused unread: \(error)")
        }
    }

    static func tests(_ text: String, _ record: DatasetRecord, field: String, function: String?) throws(DatasetError) -> [TestCase] {
        guard let list = (try? JSONValue.parse(text))?.arrayValue else { throw record.invalid("'\(field)' is not a JSON list") }
        var cases: [TestCase] = []
        for (index, test) in list.enumerated() {
            guard let input = test["input"]?.stringValue, let output = test["output"]?.stringValue else {
                throw record.invalid("\(field)[\(index)] lacks a string 'input' or 'output'")
            }
            switch test["testtype"]?.stringValue {
            case "stdin":
                cases.append(.standardIO(input: input, expectedOutput: output))
            case "functional":
                guard function != nil else { throw record.invalid("\(field)[\(index)] is functional but 'metadata' names no func_name") }
                var arguments: [JSONValue] = []
                for line in input.split(separator: "\n", omittingEmptySubsequences: true) {
                    guard let value = try? JSONValue.parse(String(line)) else {
                        throw record.invalid("\(field)[\(index)]: argument line is not JSON: \(line.prefix(80))")
                    }
                    arguments.append(value)
                }
                guard let expected = try? JSONValue.parse(output) else { throw record.invalid("\(field)[\(index)]: output is not JSON") }
                cases.append(.call(arguments: JSONValue.array(arguments).jsonText, expected: .json(expected.jsonText)))
            default:
                throw record.invalid("\(field)[\(index)] has testtype \(test["testtype"]?.jsonText ?? "none"), not stdin or functional")
            }
        }
        return cases
    }
}
