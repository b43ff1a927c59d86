import Testing
@testable import Evaluation

@Suite struct EvalPlusFloatRuleTests {
    @Test("Floats and flat lists or tuples of floats count as floats (EvalPlus's is_floats); others do not",
        arguments: [
            ("0.75", true), ("-1e-07", true), ("inf", true), ("[0.0, 0.5, 0.7499999999999999]", true), ("(1.5,)", true),
            ("3", false), ("[]", false), ("[1, 2.0]", false), ("'0.5'", false), ("[[0.5]]", false), ("True", false),
            ("(3.9, 4.0)", true),
        ])
    func isFloats(literal: String, expected: Bool) {
        #expect(EvalPlusFloatRule.isFloats(literal) == expected)
    }
}
