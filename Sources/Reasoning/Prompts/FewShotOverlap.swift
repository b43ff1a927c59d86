public import O1CoderCore

/// How much of a generated step is copied from the few-shot examples its prompt showed: the
/// share of the step's word n-grams (n = 6) that occur in any example answer. A small model often
/// repeats the example's pseudocode with the names changed; this measures it.
public struct FewShotOverlap: Sendable {
    public static let n = 6
    /// A step at or above this share counts as copied.
    public static let copiedThreshold = 0.5
    private let exampleGrams: Set<[Substring]>

    /// The overlap against the examples `prompts` shows for `problem` in the pseudocode style.
    public init(prompts: PromptBuilder, problem: Problem) {
        let shape = TaskShape(problem: problem)
        let texts = prompts.library.examples(for: shape, limit: prompts.maxExamples).map {
            PromptText.answer($0, style: .pseudocode)
        }
        self.init(exampleTexts: texts)
    }

    /// The overlap against the first `examples` examples `library` has for `problem`'s shape,
    /// whatever a prompt showed: a zero-shot run is measured against the same texts as a few-shot
    /// one, so the two rates compare (the zero-shot rate is the phrasing that overlaps by chance).
    public init(library: FewShotLibrary, problem: Problem, examples: Int) {
        self.init(prompts: PromptBuilder(library: library, maxExamples: examples), problem: problem)
    }

    public init(exampleTexts: [String]) {
        exampleGrams = Set(exampleTexts.flatMap { Self.grams(of: $0) })
    }

    static func grams(of text: String) -> [[Substring]] {
        let words = text.split(whereSeparator: { $0.isWhitespace })
        guard words.count >= n else { return [] }
        return (0...(words.count - n)).map { Array(words[$0..<($0 + n)]) }
    }

    /// The rate of an answer's reasoning: its text without the fenced Python code.
    public func reasoningRate(_ answer: String) -> Double {
        rate(answer.replacing(/```(?:python|py|python3)[^\n]*\n[\s\S]*?(?:```|$)/, with: ""))
    }

    /// Share of `text`'s n-grams found in the examples (0 for text shorter than n words).
    public func rate(_ text: String) -> Double {
        let grams = Self.grams(of: text)
        guard !grams.isEmpty else { return 0 }
        return Double(grams.count { exampleGrams.contains($0) }) / Double(grams.count)
    }
}
