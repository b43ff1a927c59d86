import Execution
import Testing

@Suite struct SandboxBenchmarkTests {
    @Test("Benchmark programs: the program field of each JSONL line; other lines are skipped")
    func programs() {
        let text = #"{"program": "print(1)"}"# + "\nnot json\n" + #"{"other": 1}"# + "\n" + #"{"program": "pass"}"#
        #expect(SandboxBenchmark.programs(jsonl: text) == ["print(1)", "pass"])
    }
}
