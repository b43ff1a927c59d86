import O1CoderCore
import Foundation
import Reasoning
import Testing

@Suite struct StepFormatTests {
    static let trace = ReasoningTrace(steps: [
        ReasoningStep(action: .structure, text: "#### Goal: Outline.\n```pseudo\nFUNCTION f(x)\n```"),
        ReasoningStep(action: .refine, text: "Refine f: RETURN x * 2"),
        ReasoningStep(action: .refine, text: "Handle x < 0 < y with <b>tags</b> & \"quotes\"."),
        ReasoningStep(action: .code, text: "```python\ndef f(x):\n    return x * 2\n```"),
    ])

    @Test("A step renders with its machine-readable label and the step-end delimiter")
    func rendersStep() {
        let step = ReasoningStep(action: .refine, text: "  body\n")
        #expect(step.rendered == "<step action=\"refine\">\nbody\n</step>\n")
        #expect(StepFormat.stepEnd == "</step>")
    }

    @Test("Text form round-trips through the parser")
    func textRoundTrip() throws {
        let parsed = try #require(TraceParser().parseTrace(Self.trace.rendered, entryPoint: "f").parsed)
        #expect(parsed.trace == Self.trace)
        #expect(parsed.issues.isEmpty)
        #expect(parsed.code?.code == "def f(x):\n    return x * 2")
    }

    @Test("A prefix round-trips as a partial trace")
    func prefixRoundTrip() throws {
        let prefix = Self.trace.prefix
        #expect(prefix.steps.count == 3 && !prefix.isComplete)
        let parsed = try #require(TraceParser().parseTrace(prefix.rendered, requirement: .partial).parsed)
        #expect(parsed.trace == prefix)
        #expect(parsed.code == nil)
    }

    @Test("JSON form round-trips and uses the action labels")
    func jsonRoundTrip() throws {
        let data = try JSONEncoder().encode(Self.trace)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"action\":\"structure\""))
        #expect(try JSONDecoder().decode(ReasoningTrace.self, from: data) == Self.trace)
    }

    @Test("Terminal detection uses the action label, not a python fence")
    func terminalByLabel() {
        let refineWithCode = ReasoningStep(action: .refine, text: "```python\nx = 1\n```")
        #expect(!refineWithCode.isTerminal)
        #expect(ReasoningStep(action: .code, text: "no fence").isTerminal)
        #expect(!ReasoningTrace(steps: [refineWithCode]).isComplete)
    }

    @Test("Continuation prefixes end with the bare opening prefix or a forced tag")
    func continuationPrefix() {
        let one = ReasoningTrace(steps: [ReasoningStep(action: .structure, text: "S")])
        #expect(StepFormat.continuationPrefix(after: ReasoningTrace(), forcing: nil) == "<step action=\"")
        #expect(StepFormat.continuationPrefix(after: one, forcing: nil) == "<step action=\"structure\">\nS\n</step>\n\n<step action=\"")
        #expect(StepFormat.continuationPrefix(after: one, forcing: .code).hasSuffix("\n\n<step action=\"code\">\n"))
    }

    @Test("Action labels are read leniently", arguments: [
        ("structure", ReasoningAction.structure), ("Refine", .refine), ("3", .code), ("Action 2", .refine),
        ("<Action 1>", .structure), ("action 3: code", .code), ("Refining the loop", .refine),
    ])
    func lenientLabels(label: String, action: ReasoningAction) {
        #expect(ReasoningAction(label: label) == action)
    }

    @Test("Unreadable labels give nil", arguments: ["", "4", "action 7", "banana"])
    func unreadableLabels(label: String) {
        #expect(ReasoningAction(label: label) == nil)
    }
}
