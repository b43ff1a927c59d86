/// EvalPlus compares float results with a tolerance even when a task's `atol` is 0: when an
/// expected output is a float or a non-empty list/tuple of floats (`is_floats`), it sets atol to
/// 1e-6 for that input and, as the variable persists, for the task's later inputs. A suite whose
/// expected outputs include such a value is therefore compared with `.absoluteTolerance(1e-6)`
/// (EvalPlus's `np.allclose` also allows rtol 1e-7, which only matters for large values).
enum EvalPlusFloatRule {
    static let enforcedTolerance = 1e-6

    /// Whether `literal` (a `repr`) is a float, or a non-empty flat list or tuple of floats.
    static func isFloats(_ literal: String) -> Bool {
        let text = literal.trimmingSpaces()
        if let first = text.first, first == "[" || first == "(", let last = text.last, last == "]" || last == ")" {
            var inner = String(text.dropFirst().dropLast())
            if inner.hasSuffix(",") { inner.removeLast() }  // a one-element tuple: (1.5,)
            let items = inner.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            return !inner.isEmpty && items.allSatisfy(isFloat)
        }
        return isFloat(text)
    }

    /// A Python float repr: digits with a point or an exponent, or inf / nan, optionally signed.
    static func isFloat(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        if body == "inf" || body == "nan" { return true }
        guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "-" || $0 == "+" }),
            body.first?.isNumber == true || body.first == "."
        else { return false }
        return body.contains(".") || body.contains("e") || body.contains("E")
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
