/// Near-miss wrong outputs for DPO negatives: numbers ±1, off-by-one strings and lists, flipped
/// booleans and YES/NO answers. Every result differs from its input (checked by callers too).
public enum OutputPerturbation {
    /// A perturbed copy of `output`, or nil when no perturbation differs from it.
    public static func perturb(
        _ output: ProposedTest.Output, using rng: inout some RandomNumberGenerator
    ) -> ProposedTest.Output? {
        switch output {
        case .value(let value):
            let changed = perturb(value, using: &rng)
            return changed.semanticKey == value.semanticKey ? nil : .value(changed)
        case .standardOutput(let text):
            let changed = perturb(standardOutput: text, using: &rng)
            return StandardText.normalized(changed) == StandardText.normalized(text) ? nil : .standardOutput(changed)
        }
    }

    static func perturb(_ value: PythonLiteral, using rng: inout some RandomNumberGenerator) -> PythonLiteral {
        let up = Bool.random(using: &rng)
        switch value {
        case .integer(let text):
            if let n = Int(text) { return .integer(String(up ? n &+ 1 : n &- 1)) }
            return .integer(text + "1")
        case .float(let text):
            if let d = Double(text) { return .float("\(up ? d + 1 : d - 1)") }
            return .float("0.5")
        case .bool(let b): return .bool(!b)
        case .none: return .integer("0")
        case .string(let s):
            if s.isEmpty || up { return .string(s + (s.last.map(String.init) ?? "a")) }
            return .string(String(s.dropLast()))
        case .list(let items): return .list(perturb(items, using: &rng))
        case .tuple(let items): return .tuple(perturb(items, using: &rng))
        case .set(let items):
            if items.isEmpty { return .set([.integer("0")]) }
            return .set(Array(items.dropLast()))
        case .dict(let pairs):
            if pairs.isEmpty { return .dict([(.string("a"), .integer("0"))]) }
            var changed = pairs
            let index = Int.random(in: 0..<pairs.count, using: &rng)
            changed[index].value = perturb(pairs[index].value, using: &rng)
            return .dict(changed)
        }
    }

    /// Off-by-one on a sequence: drop the last item, repeat it, or perturb one item.
    private static func perturb(_ items: [PythonLiteral], using rng: inout some RandomNumberGenerator) -> [PythonLiteral] {
        guard let last = items.last else { return [.integer("0")] }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return Array(items.dropLast())
        case 1: return items + [last]
        default:
            var changed = items
            let index = Int.random(in: 0..<items.count, using: &rng)
            changed[index] = perturb(items[index], using: &rng)
            return changed
        }
    }

    /// stdout: one integer token ±1; else YES/NO-style words flipped; else the last line dropped
    /// or the last character changed.
    static func perturb(standardOutput text: String, using rng: inout some RandomNumberGenerator) -> String {
        var tokens = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            .flatMap { token -> [String] in
                // Keep newlines as their own tokens so the layout survives.
                let parts = token.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                return parts.enumerated().flatMap { $0.offset == 0 ? [$0.element] : ["\n", $0.element] }
            }
        let numeric = tokens.indices.filter { Int(tokens[$0]) != nil }
        if !numeric.isEmpty {
            let index = numeric[Int.random(in: 0..<numeric.count, using: &rng)]
            let n = Int(tokens[index]) ?? 0
            tokens[index] = String(Bool.random(using: &rng) ? n &+ 1 : n &- 1)
            return join(tokens)
        }
        let flips = ["YES": "NO", "NO": "YES", "Yes": "No", "No": "Yes", "yes": "no", "no": "yes",
                     "True": "False", "False": "True", "true": "false", "false": "true"]
        let flippable = tokens.indices.filter { flips[tokens[$0]] != nil }
        if !flippable.isEmpty {
            let index = flippable[Int.random(in: 0..<flippable.count, using: &rng)]
            tokens[index] = flips[tokens[index]] ?? tokens[index]
            return join(tokens)
        }
        let lines = StandardText.normalized(text).split(separator: "\n").map(String.init)
        if lines.count > 1 { return lines.dropLast().joined(separator: "\n") }
        guard let last = text.last else { return "0" }
        return String(text.dropLast()) + (last == "a" ? "b" : "a")
    }

    private static func join(_ tokens: [String]) -> String {
        var out = ""
        var previous: String?
        for token in tokens {
            if token == "\n" {
                out += "\n"
            } else {
                if let previous, previous != "\n" { out += " " }
                out += token
            }
            previous = token
        }
        return out
    }
}
