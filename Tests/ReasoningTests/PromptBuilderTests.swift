import Inference
import O1CoderCore
import Reasoning
import Testing

/// Golden renders of every prompt style for the three task shapes.
@Suite struct PromptBuilderTests {
    static let humanEval = Problem(
        id: "HumanEval/fixture", dataset: .humaneval,
        prompt: "def is_sorted(xs: list[int]) -> bool:\n    \"\"\"Return True when xs is in non-decreasing order.\n    >>> is_sorted([1, 2, 2])\n    True\n    \"\"\"\n",
        style: .function(entryPoint: "is_sorted"), referenceSolution: nil, completionMode: .continuesPrompt,
        tests: TestSuite(cases: []))
    static let mbpp = Problem(
        id: "Mbpp/fixture", dataset: .mbpp,
        prompt: "Write a function to reverse the words of a sentence.\nassert reverse_words(\"a b c\") == \"c b a\"",
        style: .function(entryPoint: "reverse_words"), referenceSolution: nil, tests: TestSuite(cases: []))
    static let taco = Problem(
        id: "taco/fixture", dataset: .taco,
        prompt: "Given n and a list of n integers, print their sum.\n\nInput: n on the first line, the integers on the second.\nOutput: the sum.",
        style: .standardIO, referenceSolution: nil, tests: TestSuite(cases: []))

    static let problems: [(String, Problem)] = [("humaneval", humanEval), ("mbpp", mbpp), ("taco", taco)]

    /// A readable dump of chat messages, the form stored in the golden files.
    static func render(_ messages: [ChatMessage]) -> String {
        messages.map { "=== \($0.role.rawValue) ===\n\($0.content)\n" }.joined(separator: "\n")
    }

    static func builder() throws -> PromptBuilder {
        PromptBuilder(library: try FewShotLibrary.bundled())
    }

    @Test("Task shapes are derived from the problem", arguments: [
        (humanEval, TaskShape.functionWithSignature), (mbpp, .functionFromDescription), (taco, .standardIO),
    ])
    func taskShape(problem: Problem, shape: TaskShape) {
        #expect(TaskShape(problem: problem) == shape)
    }

    @Test("Whole-answer prompts match their golden renders", arguments: PromptStyle.allCases)
    func wholeAnswerGoldens(style: PromptStyle) throws {
        let builder = try Self.builder()
        for (name, problem) in Self.problems {
            let actual = Self.render(builder.messages(for: problem, style: style))
            let file = "\(name)-\(style.rawValue).txt"
            let golden = try TestResources.golden(file, actual: actual)
            #expect(golden == actual, "Golden \(file) differs; regenerate deliberately with O1CODER_UPDATE_GOLDEN=1")
        }
    }

    @Test("The step prompt continues the partial answer and matches its golden render")
    func stepPromptGolden() throws {
        let builder = try Self.builder()
        let trace = ReasoningTrace(steps: [
            ReasoningStep(action: .structure, text: "#### Goal: Outline.\n```pseudo\nFUNCTION reverse_words(s)\n```")
        ])

        let messages = builder.stepMessages(for: Self.mbpp, after: trace, forcing: nil)
        let actual = Self.render(messages)

        #expect(messages.last?.role == .assistant)
        #expect(messages.last?.content.hasSuffix("<step action=\"") == true)
        #expect(Array(messages.dropLast()) == builder.messages(for: Self.mbpp, style: .pseudocode))
        let golden = try TestResources.golden("mbpp-step2.txt", actual: actual)
        #expect(golden == actual)
    }

    @Test("A forced action ends the partial answer with its full opening tag")
    func forcedAction() throws {
        let builder = try Self.builder()
        let messages = builder.stepMessages(for: Self.taco, after: ReasoningTrace(), forcing: .code)
        #expect(messages.last?.content == "<step action=\"code\">\n")
    }

    @Test("Function problems get function examples and stdin problems get program examples")
    func exampleSelection() throws {
        let builder = try Self.builder()
        let function = builder.messages(for: Self.mbpp, style: .direct)
        let program = builder.messages(for: Self.taco, style: .direct)
        #expect(function.count == 1 + 2 * 2 + 1)
        #expect(function[3].content.contains("longest_run"))  // same-shape example comes last
        #expect(program[1].content.contains("standard input"))
        #expect(!program.contains { $0.content.contains("def running_max") })
        let zeroShot = PromptBuilder(library: builder.library, maxExamples: 0).messages(for: Self.taco, style: .direct)
        #expect(zeroShot.map(\.role) == [.system, .user])
    }
}
