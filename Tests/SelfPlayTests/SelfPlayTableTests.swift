import Foundation
import O1CoderCore
import SelfPlay
import Testing

@Suite struct SelfPlayTableTests {
    @Test("The round table: a header, one row per round, the note under its round")
    func table() {
        var state = SelfPlayState(basePolicy: "base")
        var round = SelfPlayState.Round(index: 0, searchPolicy: "base")
        round.policy = "base"
        round.note = "no data"
        state.rounds = [round]
        let lines = state.table
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("round  policy"))
        #expect(lines[1] == "0      " + "base".padding(toLength: 32, withPad: " ", startingAt: 0) + "-".padding(toLength: 17, withPad: " ", startingAt: 0) + "0    -")
        #expect(lines[2] == "       no data")
    }
}
