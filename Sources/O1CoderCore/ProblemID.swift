/// Identifies a problem within a dataset, e.g. `HumanEval/0`, `Mbpp/2`, `taco/17`.
public struct ProblemID: Identifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
