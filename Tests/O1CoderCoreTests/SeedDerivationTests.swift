import O1CoderCore
import Testing

@Suite struct SeedDerivationTests {
    /// The values Sampling's own derivation gave before it moved here (computed with that code):
    /// sampling runs recorded before the move reproduce.
    @Test("the one rule gives the sampling runs' recorded seeds")
    func pinned() {
        #expect(SeedDerivation.seed(42, problem: "Mbpp/11", stage: 1, index: 0) == 408_987_006)
        #expect(SeedDerivation.seed(42, key: "HumanEval/0") == 1_635_241_375)
        #expect(SeedDerivation.seed(7, key: "p", stage: 3, index: 2) == 831_659_839)
    }

    @Test("a seed depends on the run seed, the key, the stage and the index, and fits 31 bits")
    func independence() {
        let a = SeedDerivation.seed(42, key: "Mbpp/11", stage: 1, index: 0)
        let others = [
            SeedDerivation.seed(43, key: "Mbpp/11", stage: 1, index: 0), SeedDerivation.seed(42, key: "Mbpp/12", stage: 1, index: 0),
            SeedDerivation.seed(42, key: "Mbpp/11", stage: 2, index: 0), SeedDerivation.seed(42, key: "Mbpp/11", stage: 1, index: 1),
        ]
        #expect(Set(others + [a]).count == 5)
        #expect((others + [a]).allSatisfy { $0 < 1 << 31 })
        var g1 = SeedDerivation.generator(42, key: "Mbpp/11")
        var g2 = SeedDerivation.generator(42, key: "Mbpp/11")
        #expect(g1.next() == g2.next())
    }

    /// Searches recorded before the one rule resume with theirs.
    @Test("the legacy rule is the XOR of the seed and FNV-1a of the key")
    func legacy() {
        #expect(SeedRule.xorFNV1a.seed(42, key: "Mbpp/11") == 42 ^ SplitMix64.fnv1a("Mbpp/11"))
        #expect(SeedRule.derivation.seed(42, key: "Mbpp/11") == SeedDerivation.seed(42, key: "Mbpp/11"))
        #expect(SplitMix64.fnv1a("") == 0xCBF2_9CE4_8422_2325)
    }
}
