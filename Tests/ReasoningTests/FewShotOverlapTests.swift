import Foundation
import Reasoning
import Testing

@Suite struct FewShotOverlapTests {
    @Test("A step that repeats the example with a name changed scores high; an original one scores 0")
    func overlap() {
        let example = "Keep the running maximum: walk the list once, and for each item append the larger of it and the last maximum to the result."
        let overlap = FewShotOverlap(exampleTexts: [example])
        let copied = example.replacingOccurrences(of: "maximum", with: "minimum", options: [], range: nil)
        #expect(overlap.rate(example) == 1)
        #expect(overlap.rate(copied) > 0.2 && overlap.rate(copied) < 1)
        #expect(overlap.rate("Sort the numbers, then compare each adjacent pair and return whether any gap is below the threshold.") == 0)
        #expect(overlap.rate("too short") == 0)
    }

    @Test("An answer's reasoning rate leaves its Python code out")
    func reasoningOnly() {
        let example = "Keep the running maximum: walk the list once, and for each item append the larger of it and the last maximum to the result."
        let overlap = FewShotOverlap(exampleTexts: [example, "def f(x):\n    return sorted(x, key=len, reverse=True)[0] if x else None"])
        let answer = example + "\n```python\ndef f(x):\n    return sorted(x, key=len, reverse=True)[0] if x else None\n```\n"
        let novel = "Sort the numbers, then compare each adjacent pair and return whether any gap is below the threshold."
        #expect(overlap.reasoningRate(answer) == 1)
        #expect(overlap.reasoningRate(novel + "\n```python\ndef f(x):\n    return sorted(x, key=len, reverse=True)[0] if x else None\n```") == 0)
        #expect(overlap.reasoningRate(novel + "\n```python\ndef f(x):\n    return sorted(x, key=len, reverse=True)[0] if x else None") == 0, "an unclosed fence too")
    }
}
