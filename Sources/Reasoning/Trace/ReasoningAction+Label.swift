public import O1CoderCore

extension ReasoningAction {
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
