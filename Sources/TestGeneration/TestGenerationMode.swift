public import O1CoderCore

/// How expected outputs are obtained (O1-CODER §2.1, decision D9).
public enum TestGenerationMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// The model proposes inputs only; expected outputs come from running the reference solution
    /// in the sandbox. Needs a reference solution. The better default (D9).
    case inputsOnly = "inputs-only"
    /// The model proposes inputs and expected outputs (the paper's TCG; the only choice for
    /// problems without a reference solution).
    case full

    /// Inputs-only when the problem has a reference solution, full otherwise.
    public static func automatic(for problem: Problem) -> TestGenerationMode {
        problem.referenceSolution == nil ? .full : .inputsOnly
    }
}
