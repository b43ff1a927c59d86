import O1CoderCore
import SelfPlay
import Testing

@Suite struct CurriculumTests {
    @Test("drops what the last N searches all solved or all failed; keeps mixed, missing and too-short histories")
    func dropped() {
        let ids: [ProblemID] = ["a", "b", "c", "d", "e"]
        let history: [[ProblemID: Bool]] = [
            ["a": false, "b": true, "c": true, "d": false],
            ["a": true, "b": true, "c": false, "d": false, "e": true],
            ["a": true, "b": true, "c": false, "d": false, "e": true],
        ]
        #expect(Curriculum(window: 2).dropped(ids, history: history) == ["a", "b", "c", "d", "e"])
        #expect(Curriculum(window: 3).dropped(ids, history: history) == ["b", "d"], "a and c changed; e was not searched first")
        #expect(Curriculum(window: 4).dropped(ids, history: history).isEmpty, "fewer searches than the window")
        #expect(Curriculum(window: 0).window == 1)
    }
}
