internal import O1CoderCore

/// Original MBPP (`mbpp.jsonl`: `task_id`, `text`, `code`, `test_list`, `test_setup_code`,
/// `challenge_test_list`).
///
/// - id `Mbpp/<task_id>` (EvalPlus's spelling, so MBPP and MBPP+ results line up);
/// - prompt: the EvalPlus MBPP+ layout, a docstring holding `text` and the first assert,
///   `"""\n<text>\n<test_list[0]>\n"""\n`: the assert shows the function name and signature the
///   tests call, which the text alone does not;
/// - entry point: the first function that `code` defines and `test_list[0]` calls;
/// - reference: `code` with CRLF → LF; tests: one `.assertion` per `test_list` item (plus
///   `challenge_test_list` when asked);
/// - `test_setup_code` goes in `suite.setup`, which runs *after* the program: tasks 367 and 927
///   build trees with a class the program defines.
public struct MBPPLoader: Sendable {
    public init() {}

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        var problems: [Problem] = []
        let warnings = try JSONLReader(path: path).forEachRecord(skipMalformed: options.skipMalformed) { record in
            let problem = try Self.problem(from: record, includeChallengeTests: options.includeChallengeTests)
            if let splits = options.mbppSplits {
                guard let split = problem.split.flatMap(MBPPSplit.init(rawValue:)), splits.contains(split) else {
                    return
                }
            }
            problems.append(problem)
        }
        return LoadedProblems(problems: problems, warnings: warnings)
    }

    static func problem(from record: DatasetRecord, includeChallengeTests: Bool) throws(DatasetError) -> Problem {
        let taskID = try record.int("task_id")
        let text = try record.string("text").normalizingNewlines
        let code = try record.string("code").normalizingNewlines
        let tests = try record.strings("test_list").map(\.normalizingNewlines)
        let setup = (try record.optionalString("test_setup_code") ?? "").normalizingNewlines
        guard let firstTest = tests.first else { throw record.invalid("field 'test_list' is empty") }
        guard let entryPoint = EntryPointFinder.calledFunction(in: firstTest, definedIn: code) else {
            throw record.invalid("cannot tell which function test_list[0] calls")
        }
        var cases = tests.map { TestCase.assertion($0) }
        if includeChallengeTests, record.value["challenge_test_list"] != nil {
            cases += try record.strings("challenge_test_list").map { .assertion($0.normalizingNewlines) }
        }
        return Problem(
            id: ProblemID("Mbpp/\(taskID)"), dataset: .mbpp,
            prompt: "\"\"\"\n\(text)\n\(firstTest)\n\"\"\"\n", style: .function(entryPoint: entryPoint),
            referenceSolution: code, completionMode: .fullProgram, tests: TestSuite(setup: setup, cases: cases),
            split: MBPPSplit(taskID: taskID)?.rawValue, metadata: ["source.line": "\(record.line)"])
    }
}
