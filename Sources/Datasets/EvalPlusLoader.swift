public import O1CoderCore

/// EvalPlus HumanEval+ (`HumanEvalPlus-*.jsonl.gz`) and MBPP+ (`MbppPlus-*.jsonl.gz`), the
/// non-OriginFmt files: `task_id`, `prompt`, `entry_point`, `canonical_solution`, `base_input`,
/// `plus_input`, `atol` (+ HumanEval's `test`, MBPP's `assertion`).
///
/// The problems come back with their *original* tests (HumanEval's `check()` script, MBPP+'s
/// `assertion` lines), usable as they are; ``LoadedProblems/evalPlusInputs`` carries the EvalPlus
/// inputs so that `ExpectedOutputOracle` can replace the suite with base/plus `.call` tests.
///
/// - HumanEval+: like ``HumanEvalLoader`` (continues the prompt; reference = prompt + solution).
/// - MBPP+: prompt and entry point as given; reference = `canonical_solution`; full programs;
///   each task's ``EvalPlusInputConversion`` (tuples, sets, complex numbers lost to JSON).
public struct EvalPlusLoader: Sendable {
    public var dataset: DatasetName

    /// - Precondition: `dataset` is `.humanevalPlus` or `.mbppPlus`.
    public init(dataset: DatasetName) {
        precondition(dataset == .humanevalPlus || dataset == .mbppPlus, "EvalPlusLoader reads EvalPlus files only")
        self.dataset = dataset
    }

    public func load(path: String, options: LoadOptions) throws -> LoadedProblems {
        var problems: [Problem] = []
        var inputs: [ProblemID: EvalPlusInputs] = [:]
        let warnings = try JSONLReader(path: path).forEachRecord(skipMalformed: options.skipMalformed) { record in
            let problem = try self.problem(from: record)
            if self.dataset == .mbppPlus, let splits = options.mbppSplits {
                guard let split = problem.split.flatMap(MBPPSplit.init(rawValue:)), splits.contains(split) else { return }
            }
            var argumentLists = try Self.inputs(from: record)
            if self.dataset == .mbppPlus { argumentLists.conversion = .mbppPlus(taskID: problem.id.rawValue) }
            problems.append(problem)
            inputs[problem.id] = argumentLists
        }
        return LoadedProblems(problems: problems, warnings: warnings, evalPlusInputs: inputs)
    }

    private func problem(from record: DatasetRecord) throws(DatasetError) -> Problem {
        var problem: Problem
        switch dataset {
        case .humanevalPlus:
            problem = try HumanEvalLoader.problem(from: record, dataset: .humanevalPlus)
        default:
            let taskID = try record.string("task_id")
            let entryPoint = try record.string("entry_point")
            let assertions = try record.string("assertion").split(separator: "\n").map(String.init)
                .filter { !$0.trimmingPrefixWhitespace.isEmpty }
            problem = Problem(
                id: ProblemID(taskID), dataset: .mbppPlus, prompt: try record.string("prompt"),
                style: .function(entryPoint: entryPoint), referenceSolution: try record.string("canonical_solution"),
                completionMode: .fullProgram, tests: TestSuite(cases: assertions.map { .assertion($0) }),
                // MBPP+ keeps MBPP's task ids, and with them MBPP's splits: 108 of its 378 tasks are train tasks.
                split: taskID.split(separator: "/").last.flatMap { Int($0) }.flatMap(MBPPSplit.init(taskID:))?.rawValue,
                metadata: ["source.line": "\(record.line)"])
        }
        problem.metadata["evalplus.oracle"] = "pending"
        return problem
    }

    static func inputs(from record: DatasetRecord) throws(DatasetError) -> EvalPlusInputs {
        func argumentLists(_ key: String) throws(DatasetError) -> [String] {
            // MbppPlus v0.2.0 stores one task's empty `plus_input` as `{}`.
            if case .object(let members)? = record.value[key], members.isEmpty { return [] }
            var lists: [String] = []
            for item in try record.array(key) {
                guard case .array = item else { throw record.invalid("field '\(key)' holds a non-list argument set") }
                lists.append(item.jsonText)
            }
            return lists
        }
        let atol = record.value["atol"].flatMap(\.doubleValue) ?? 0
        return EvalPlusInputs(base: try argumentLists("base_input"), plus: try argumentLists("plus_input"), absoluteTolerance: atol)
    }
}

extension StringProtocol {
    var trimmingPrefixWhitespace: SubSequence { drop { $0 == " " || $0 == "\t" } }
}
