@testable import Inference
import Testing

@Suite struct LlamaTextDecodingTests {
    @Test("The UTF-8 decoder holds back code points split across pieces")
    func splitCodePoints() {
        var decoder = IncrementalUTF8Decoder()
        let bytes = Array("a€😀é".utf8)  // 1 + 3 + 4 + 2 bytes

        let parts = [decoder.decode([bytes[0], bytes[1]]), decoder.decode([bytes[2]]), decoder.decode([bytes[3], bytes[4], bytes[5]]),
                     decoder.decode([bytes[6], bytes[7], bytes[8]]), decoder.decode([bytes[9]])]

        #expect(parts == ["a", "", "€", "😀", "é"])
        #expect(decoder.pendingByteCount == 0)
    }

    @Test("Flushing an incomplete sequence yields a replacement character")
    func flushIncomplete() {
        var decoder = IncrementalUTF8Decoder()

        let text = decoder.decode([0x68, 0xE2, 0x82])

        #expect(text == "h")
        #expect(decoder.flush() == "\u{FFFD}")
    }

    @Test("Stop strings spanning pieces are found and never emitted")
    func stopAcrossPieces() {
        var m = StopStringMatcher(stopStrings: ["\n```", "END"])

        let outcomes = [m.append("print(1)\n"), m.append("``"), m.append("`\nmore")]

        #expect(outcomes == [.text("print(1)"), .text(""), .stopped("")])
    }

    @Test("Held-back text is released when it stops matching")
    func releaseHeldText() {
        var m = StopStringMatcher(stopStrings: ["END"])

        #expect(m.append("the EN") == .text("the "))
        #expect(m.append("D? no, ENT") == .stopped(""))
        var n = StopStringMatcher(stopStrings: ["END"])
        #expect(n.append("EN") == .text(""))
        #expect(n.append("TRY") == .text("ENTRY"))
        #expect(n.append("E") == .text(""))
        #expect(n.finish() == "E")
    }

    @Test("The prefix cache prefers the longest shared prefix and evicts the least recently used")
    func prefixCache() {
        var cache = PrefixCache(slots: [8, 9])
        let a = [1, 2, 3].map { Token(rawValue: $0) }
        let b = [1, 2, 3, 4, 5].map { Token(rawValue: $0) }
        let c = [7, 7].map { Token(rawValue: $0) }

        #expect(cache.slotForStoring(a) == 8)
        #expect(cache.bestMatch(for: b)?.length == 3)
        #expect(cache.slotForStoring(b) == 8)  // extends a: replaces it
        #expect(cache.slotForStoring(c) == 9)
        #expect(cache.slotForStoring(c) == nil)  // identical: only touched
        cache.touch(9)
        #expect(cache.evictLeastRecentlyUsed() == 8)
        #expect(cache.bestMatch(for: b) == nil)
    }
}
