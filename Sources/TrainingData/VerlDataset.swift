import Datasets
public import Inference
public import O1CoderCore
public import Reasoning
import Foundation

/// Problems as the RL engines' prompt datasets (verl's parquet rows, which TRL reads as
/// prompt-only data with extra columns and OpenRLHF with `--input_key prompt --label_key
/// ground_truth`): `data_source`, chat `prompt`, `ability`, `reward_model {style, ground_truth}`,
/// `extra_info`, and `ground_truth` again at the top level for TRL and OpenRLHF.
///
/// `ground_truth` is a JSON string. Tests with JSON values (stdin/stdout, TACO-style calls)
/// use the field's `{inputs, outputs, fn_name?}`, which verl's own code scorer reads too;
/// others (MBPP asserts, HumanEval's check, EvalPlus's Python-literal calls) carry O1Coder's
/// suite as `{suite, entry_point}`, which `o1coder serve`'s `/evaluate` (and so
/// `training/o1coder_reward.py`) scores.
public struct VerlRow: Codable, Sendable, Hashable {
    public struct RewardModel: Codable, Sendable, Hashable {
        public var style: String
        public var groundTruth: String
        enum CodingKeys: String, CodingKey {
            case style
            case groundTruth = "ground_truth"
        }
    }

    public struct ExtraInfo: Codable, Sendable, Hashable {
        public var split: String
        public var index: Int
        public var problemID: String
        /// Which tests `ground_truth` holds: `all` or `public`.
        public var tests: String
        enum CodingKeys: String, CodingKey {
            case split, index, tests
            case problemID = "problem_id"
        }
    }

    public var dataSource: String
    public var prompt: [ChatMessage]
    public var ability: String
    public var rewardModel: RewardModel
    public var extraInfo: ExtraInfo
    public var groundTruth: String

    enum CodingKeys: String, CodingKey {
        case prompt, ability
        case dataSource = "data_source"
        case rewardModel = "reward_model"
        case extraInfo = "extra_info"
        case groundTruth = "ground_truth"
    }

    /// The row of `problem`, the `index`-th of its split, with `tests` as its ground truth.
    public init(problem: Problem, index: Int, prompts: PromptBuilder, tests: TestSuite, testsName: String) throws {
        let truth = try Self.groundTruth(tests, entryPoint: problem.entryPoint)
        dataSource = "o1coder/\(problem.dataset.rawValue)"
        prompt = prompts.messages(for: problem, style: .direct)
        ability = "code"
        rewardModel = RewardModel(style: "rule", groundTruth: truth)
        extraInfo = ExtraInfo(split: problem.split ?? "train", index: index, problemID: problem.id.rawValue, tests: testsName)
        groundTruth = truth
    }

    /// `suite` as ground-truth text: the field's schema when every test fits it, else O1Coder's suite.
    public static func groundTruth(_ suite: TestSuite, entryPoint: String?) throws -> String {
        if suite.setup.isEmpty, suite.preamble.isEmpty, suite.comparison == .exact, let fields = fieldSchema(suite, entryPoint: entryPoint) {
            return fields.jsonValue.jsonText
        }
        struct Native: Encodable {
            var suite: TestSuite
            var entry_point: String?
        }
        let encoder = JSONCoding.encoder()
        return String(decoding: try encoder.encode(Native(suite: suite, entry_point: entryPoint)), as: UTF8.self)
    }

    /// The tests as `{inputs, outputs, fn_name?}`, when they are all stdin/stdout or all JSON calls.
    static func fieldSchema(_ suite: TestSuite, entryPoint: String?) -> GroundTruth? {
        var inputs: [JSONValue] = []
        var outputs: [JSONValue] = []
        var calls = 0
        for test in suite.cases {
            switch test {
            case .standardIO(let input, let output, _):
                inputs.append(.string(input))
                outputs.append(.string(output))
            case .call(let arguments, let expected, _):
                guard let args = try? JSONValue.parse(arguments) else { return nil }
                switch expected {
                case .jsonWrapped(let text):
                    guard let value = try? JSONValue.parse(text) else { return nil }
                    outputs.append(value)
                case .json(let text):
                    guard let value = try? JSONValue.parse(text) else { return nil }
                    outputs.append(.array([value]))
                case .pythonLiteral:
                    return nil
                }
                inputs.append(args)
                calls += 1
            case .assertion, .script:
                return nil
            }
        }
        guard !suite.cases.isEmpty, calls == 0 || (calls == suite.cases.count && entryPoint != nil) else { return nil }
        return GroundTruth(inputs: inputs, outputs: outputs, functionName: calls > 0 ? entryPoint : nil)
    }
}
