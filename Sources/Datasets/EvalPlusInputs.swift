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
    /// What turns each JSON argument list into the task's Python arguments (MBPP+ tuples, sets,
    /// complex numbers); applied by the oracle and by the tests alike.
    public var conversion: EvalPlusInputConversion

    public init(base: [String], plus: [String], absoluteTolerance: Double, conversion: EvalPlusInputConversion = .none) {
        self.base = base
        self.plus = plus
        self.absoluteTolerance = absoluteTolerance
        self.conversion = conversion
    }
}
