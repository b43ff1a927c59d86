/// One worked example shown to the model, written for this project (not taken from a dataset).
///
/// Stored in `Resources/few_shot_examples.json`; the same example answers every prompt style:
/// ``code`` for direct answers, ``reasoning`` + ``code`` for chain-of-thought, ``steps`` for
/// pseudocode (its code step holds ``code`` in a python fence).
public struct FewShotExample: Codable, Sendable, Hashable, Identifiable {
    /// Test data that proves the example is correct (checked by the test suite with Python).
    public struct Checks: Codable, Sendable, Hashable {
        public struct IOCase: Codable, Sendable, Hashable {
            public var input: String
            public var output: String
        }
        /// Python `assert` lines for function examples.
        public var asserts: [String]?
        /// stdin → expected stdout for program examples.
        public var io: [IOCase]?
    }

    public var id: String
    public var shape: TaskShape
    /// The function name for function shapes.
    public var entryPoint: String?
    /// The problem as a dataset would state it (signature + docstring, text + assert, statement).
    public var question: String
    /// Chain-of-thought prose that precedes the code.
    public var reasoning: String
    public var steps: [ReasoningStep]
    public var code: String
    public var tests: Checks

    /// The example's pseudocode answer.
    public var trace: ReasoningTrace { ReasoningTrace(steps: steps) }
}

/// The file format of `few_shot_examples.json`.
struct FewShotFile: Codable, Sendable {
    var schemaVersion: Int
    var note: String?
    var examples: [FewShotExample]
}
