import Evaluation
import O1CoderCore
import Testing

@Suite struct ASPRTests {
    @Test("ASPR averages pass rates over correct prefixes, then over problems with one")
    func handMadeCounts() throws {
        // p1: prefix a 2/3 correct, prefix b 0/3 (not correct), prefix c 3/3 → (2/3 + 1) / 2 = 5/6
        // p2: prefix a 1/4 → 1/4
        // p3: no correct prefix → excluded
        let samples = ASPRSamples(problems: [
            .init(id: "p1", prefixes: [
                .init(id: "a", passed: [true, false, true]), .init(id: "b", passed: [false, false, false]),
                .init(id: "c", passed: [true, true, true]),
            ]),
            .init(id: "p2", prefixes: [.init(id: "a", passed: [false, true, false, false])]),
            .init(id: "p3", prefixes: [.init(id: "a", passed: [false, false])]),
        ])

        let result = ASPR.compute(samples)

        let value = try #require(result.value)
        #expect(abs(value - (5.0 / 6.0 + 0.25) / 2) < 1e-12)
        #expect(result.problemsWithCorrectPrefix == 2)
        #expect(result.problemCount == 3)
        #expect(result.correctPrefixCount == 3)
        #expect(result.perProblem["p3"] == nil)
        #expect(abs((result.perProblem["p1"] ?? 0) - 5.0 / 6.0) < 1e-12)
        // pooled: (2 + 3 + 1) / (3 + 3 + 4)
        #expect(abs((result.pooledValue ?? 0) - 0.6) < 1e-12)
    }

    @Test("No correct prefix anywhere gives no value, not zero")
    func undefined() {
        let result = ASPR.compute(ASPRSamples(problems: [.init(id: "p", prefixes: [.init(id: "a", passed: [false])])]))
        #expect(result.value == nil && result.pooledValue == nil)
        #expect(result.problemsWithCorrectPrefix == 0 && result.problemCount == 1)
        #expect(ASPR.compute(ASPRSamples()).value == nil)
    }

    @Test("Observations from a search tree group by problem and parent prefix")
    func fromObservations() throws {
        let observations: [(problem: ProblemID, prefix: PrefixID, passed: Bool)] = [
            ("q", "node-4", true), ("q", "node-7", false), ("q", "node-4", false), ("r", "node-1", true),
        ]

        let samples = ASPRSamples(observations: observations)

        #expect(samples.problems.map(\.id) == ["q", "r"])
        #expect(samples.problems[0].prefixes.map(\.id) == ["node-4", "node-7"])
        #expect(samples.problems[0].prefixes[0].passed == [true, false])
        let value = try #require(ASPR.compute(samples).value)
        #expect(abs(value - (0.5 + 1.0) / 2) < 1e-12)
    }

    @Test("Prefixes may have different numbers of completions")
    func unevenN() throws {
        let samples = ASPRSamples(problems: [
            .init(id: "p", prefixes: [.init(id: "a", passed: [true]), .init(id: "b", passed: [true, false, false, false]), .init(id: "c", passed: [])])
        ])
        let value = try #require(ASPR.compute(samples).value)
        #expect(abs(value - (1.0 + 0.25) / 2) < 1e-12)
    }
}
