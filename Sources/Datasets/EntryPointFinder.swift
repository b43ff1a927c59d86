/// Finds the function an MBPP assert calls, e.g. `similar_elements` in
/// `assert set(similar_elements((3, 4), (4, 5))) == set((4,))`.
enum EntryPointFinder {
    /// Identifiers followed by `(` in `expression`, in order (attribute calls like `math.isclose`
    /// are skipped).
    static func calledNames(in expression: String) -> [String] {
        var names: [String] = []
        var current = ""
        var pending = ""  // the identifier just finished, kept across spaces (`is_Diff (1)`)
        var previous: Character = " "
        var inString: Character?
        for ch in expression {
            if let quote = inString {
                if ch == quote, previous != "\\" { inString = nil }
                previous = ch
                continue
            }
            if ch == "\"" || ch == "'" {
                inString = ch
                current = ""
                pending = ""
            } else if ch == "_" || ch.isLetter || (ch.isNumber && !current.isEmpty) {
                if current.isEmpty, previous == "." {
                    current = "."  // attribute: marked so it is not taken as a name
                }
                current.append(ch)
                pending = ""
            } else if ch == " ", !current.isEmpty {
                pending = current
                current = ""
            } else if ch == " " {
                // keep `pending` across runs of spaces
            } else {
                let name = current.isEmpty ? pending : current
                if ch == "(", !name.isEmpty, !name.hasPrefix(".") { names.append(name) }
                current = ""
                pending = ""
            }
            previous = ch
        }
        return names
    }

    /// Names of functions defined at any indentation by `def name(` in `code`.
    static func definedFunctions(in code: String) -> Set<String> {
        Set(definedFunctions(inOrder: code))
    }

    /// Names of functions defined by `def name(` in `code`, in order of appearance.
    static func definedFunctions(inOrder code: String) -> [String] {
        var names: [String] = []
        for line in code.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("def ") else { continue }
            let name = trimmed.dropFirst(4).prefix { $0 == "_" || $0.isLetter || $0.isNumber }
            if !name.isEmpty { names.append(String(name)) }
        }
        return names
    }

    /// The first name called in `test` that `code` defines; failing that, the first called name
    /// that is not a Python builtin.
    static func calledFunction(in test: String, definedIn code: String) -> String? {
        let called = calledNames(in: test)
        let defined = definedFunctions(in: code)
        if let name = called.first(where: defined.contains) { return name }
        return called.first { !pythonBuiltins.contains($0) }
    }

    private static let pythonBuiltins: Set<String> = [
        "abs", "all", "any", "bool", "dict", "float", "frozenset", "int", "isinstance", "len", "list", "max",
        "min", "round", "set", "sorted", "str", "sum", "tuple", "type", "zip", "map", "filter", "range",
        "reversed", "enumerate", "repr", "print", "assert", "in", "not", "and", "or", "is", "if", "else", "lambda",
    ]
}
