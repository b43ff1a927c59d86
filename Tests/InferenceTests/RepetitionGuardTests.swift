import Foundation
@testable import Inference
import Testing

@Suite struct RepetitionGuardTests {
    static let block = "assert f(1) == 2\nassert f(2) == 3\n"

    @Test("Four copies of a two-line block fire the guard, which keeps the first copy")
    func blockRepeats() {
        let text = "def f(x):\n    return x + 1\n" + String(repeating: Self.block, count: 4) + "assert f("
        let keep = RepetitionGuard.standard.repetitionCut(in: text)
        let kept = keep.map { String(decoding: text.utf8.prefix($0), as: UTF8.self) }
        #expect(kept == "def f(x):\n    return x + 1\n" + Self.block)
    }

    @Test("Three copies, short repeated lines and varied lines do not fire it")
    func noFalseAlarm() {
        let guardRule = RepetitionGuard.standard
        #expect(guardRule.repetitionCut(in: String(repeating: Self.block, count: 3)) == nil)
        #expect(guardRule.repetitionCut(in: "x = [\n" + String(repeating: "    ],\n", count: 9)) == nil)
        let varied = (1...40).map { "assert f(\($0)) == \($0 + 1)\n" }.joined()
        #expect(guardRule.repetitionCut(in: varied) == nil)
    }

    @Test("The verdict does not depend on how the text arrives; it stays fired")
    func piecewise() {
        let text = String(repeating: "print('hello world')\n", count: 5)
        var detector = RepetitionDetector(guard: .standard)
        var first: Int?
        for character in text {
            if let keep = detector.append(String(character)), first == nil { first = keep }
        }
        #expect(first == "print('hello world')\n".utf8.count)
        #expect(first == RepetitionGuard.standard.repetitionCut(in: text))
        #expect(detector.append("more\n") == first)
    }

    @Test("Applied to a finished completion (HTTP backends), it cuts the text and marks the stop reason")
    func appliedAfterwards() {
        let looping = Completion(
            text: String(repeating: "x = compute(1, 2)\n", count: 6), tokens: [], logProbs: [], stopReason: .maxTokens)
        let cut = looping.applying(.standard)
        #expect(cut.text == "x = compute(1, 2)\n")
        #expect(cut.stopReason == .repetition)
        #expect(looping.applying(nil) == looping)
        let fine = Completion(text: "return 1\n", tokens: [], logProbs: [], stopReason: .endOfSequence)
        #expect(fine.applying(.standard) == fine)
    }

    @Test("Parameters recorded before the guard existed decode with it off")
    func decodesOldParameters() throws {
        let json = #"{"temperature":0,"seed":1,"maxTokens":5,"stop":[]}"#
        let decoded = try JSONDecoder().decode(SamplingParameters.self, from: Data(json.utf8))
        #expect(decoded.repetitionGuard == nil)
    }
}
