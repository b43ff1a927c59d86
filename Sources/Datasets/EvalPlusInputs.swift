/// The argument lists of one EvalPlus problem, waiting for expected outputs.
///
/// EvalPlus does not store expected outputs: it computes them by running `canonical_solution`
/// on every input. `ExpectedOutputOracle` (Evaluation) does the same in the sandbox and turns
/// these into `.call` test cases.
public struct EvalPlusInputs: Sendable, Hashable, Codable {
    /// Each element is one JSON array of arguments (JSON turns tuples into lists).
    public var base: [String]
    public var plus: [String]
    /// EvalPlus `atol`: absolute tolerance for float results; 0 means exact comparison.
    public var absoluteTolerance: Double

    public init(base: [String], plus: [String], absoluteTolerance: Double) {
        self.base = base
        self.plus = plus
        self.absoluteTolerance = absoluteTolerance
    }
}
