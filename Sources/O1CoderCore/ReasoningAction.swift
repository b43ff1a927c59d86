/// The three actions of O1-CODER's pseudocode reasoning (arXiv 2412.00154 §3.2.1, Fig. 4).
///
/// Every reasoning step is exactly one action. The raw value is the machine-readable label used in
/// the canonical text form (`<step action="refine">`) and in the JSON form.
public enum ReasoningAction: String, Codable, Sendable, Hashable, CaseIterable {
    /// Action 1: define the algorithm's structure in pseudocode (functions, interfaces, duties).
    case structure
    /// Action 2: refine part of the pseudocode with concrete steps; may repeat.
    case refine
    /// Action 3: write the Python code from the pseudocode. The terminal action.
    case code

    /// The number the paper gives the action ("Action 1/2/3").
    public var paperNumber: Int {
        switch self {
        case .structure: 1
        case .refine: 2
        case .code: 3
        }
    }

    /// Whether a step with this action ends the trace (spec D12: decided by the label, never by
    /// the presence of a python fence).
    public var isTerminal: Bool { self == .code }

    /// A short human title, used in prompts.
    public var title: String {
        switch self {
        case .structure: "define the algorithm structure in pseudocode"
        case .refine: "refine the pseudocode"
        case .code: "write the Python code from the pseudocode"
        }
    }

    /// The action with the given paper number (1, 2 or 3).
    public init?(paperNumber: Int) {
        switch paperNumber {
        case 1: self = .structure
        case 2: self = .refine
        case 3: self = .code
        default: return nil
        }
    }
}
