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

    /// Reads a label leniently: `structure`, `Refine`, `3`, `Action 2`, `action 1: structure`,
    /// `<Action 3>`. Returns nil when no action can be read.
    public init?(label: String) {
        let cleaned = label.lowercased().filter { !"<>[]()*\"'".contains($0) }
            .trimmingWhitespace()
        if let exact = ReasoningAction(rawValue: cleaned) {
            self = exact
            return
        }
        if let number = Int(cleaned), let action = ReasoningAction(paperNumber: number) {
            self = action
            return
        }
        if let number = ActionLabelScanner.firstActionNumber(in: cleaned),
            let action = ReasoningAction(paperNumber: number)
        {
            self = action
            return
        }
        let head = cleaned.prefix { $0.isLetter }
        switch head {
        case "structure", "define", "defining": self = .structure
        case "refine", "refining", "refinement": self = .refine
        case "code", "python", "generate", "generating": self = .code
        default: return nil
        }
    }
}

/// Finds "Action N" mentions (`Action 2`, `<Action 2>`, `(Action 2)`, `action2`) in free text.
enum ActionLabelScanner {
    /// The number after the first "action" word that is followed (after spaces) by a digit 1–3.
    static func firstActionNumber(in text: String) -> Int? {
        let lower = Array(text.lowercased())
        let word = Array("action")
        var i = 0
        while i + word.count <= lower.count {
            if Array(lower[i..<(i + word.count)]) == word {
                var j = i + word.count
                while j < lower.count, lower[j] == " " || lower[j] == "_" || lower[j] == "-" { j += 1 }
                if j < lower.count, let digit = lower[j].wholeNumberValue, (1...3).contains(digit) {
                    let next = j + 1
                    if next >= lower.count || !lower[next].isNumber { return digit }
                }
                i += word.count
            } else {
                i += 1
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start...end])
        return String(view)
    }
}
