import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Sampling
import Testing

/// The sampling protocols with a scripted model and a fake sandbox.
@Suite struct ProtocolTests {
    @Test("pseudocode ASPR: prefixes grow step-wise until the model picks code, then n forced code steps each")
    func pseudocodeASPR() async throws {
        let model = ScriptedLanguageModel([
            // First steps of both prefixes (one request, shared prompt).
            .texts([
                "structure\">\n#### Goal: outline\n```pseudo\nreturn the argument\n```\n</step>",
                "code\">\n```python\n\(Fixtures.bad)\n```\n</step>",
            ]),
            // Prefix 0 continues: the model picks code, which closes the prefix.
            .texts(["code\">\n```python\n\(Fixtures.good)\n```\n</step>"]),
            // Code completions after prefix 0, then after prefix 1 (empty prefix).
            .texts(["```python\n\(Fixtures.good)\n```\n</step>", "```python\n\(Fixtures.bad)\n```\n</step>"]),
            .texts(["I will not write code.</step>", "```python\n\(Fixtures.bad)\n```\n</step>"]),
        ])
        let sandbox = Fixtures.sandbox()
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: sandbox,
            configuration: Fixtures.configuration(.pseudocode, .aspr(prefixes: 2, completions: 2)))
        let record = try await sampler.sample(Fixtures.problem(1))

        #expect(model.remainingReplies == 0)
        #expect(record.prefixes.map(\.end) == [.modelChoseCode, .modelChoseCode])
        #expect(record.prefixes[0].trace?.steps.map(\.action) == [.structure])
        #expect(record.prefixes[1].trace?.steps.isEmpty == true)
        #expect(record.prefixes.map { $0.completions.map(\.passed) } == [[true, false], [false, false]])
        let unparsable = record.prefixes[1].completions[0]
        #expect(unparsable.verdict == "unparsable" && unparsable.code == nil && unparsable.parseFailure == "noCode")
        #expect(sandbox.evaluations.count == 3, "the unparsable completion is not run")

        // The code requests force the code action after the rendered prefix.
        let codeRequest = model.requests[2]
        guard case .chat(let messages) = codeRequest.prompt else {
            Issue.record("expected a chat prompt")
            return
        }
        #expect(messages.last?.content.hasSuffix(record.prefixes[0].text + "\n<step action=\"code\">\n") == true)
        #expect(codeRequest.n == 2)

        let summary = SamplingSummary(records: [record], samplingProtocol: .aspr(prefixes: 2, completions: 2))
        #expect(summary.aspr?.value == 0.5)
        #expect(summary.aspr?.correctPrefixCount == 1)
        #expect(summary.passAt1 == 0.25)
        #expect(summary.unparsableSamples == 1)
        // Pseudocode: one overlap rate per prefix with reasoning (prefix 1 is empty), summarised;
        // a record written before has none.
        #expect(record.fewShotOverlap?.count == 1)
        #expect(summary.fewShotCopy?.texts == 1)
        #expect(summary.table.contains("few-shot copy:"))
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as! [String: Any]
        old["fewShotOverlap"] = nil
        let decoded = try JSONDecoder().decode(SampledProblem.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.fewShotOverlap == nil)
        #expect(SamplingSummary(records: [decoded], samplingProtocol: .aspr(prefixes: 2, completions: 2)).fewShotCopy == nil)
    }

    @Test("pseudocode ASPR: the step cap closes a prefix that never reaches code")
    func stepCap() async throws {
        let refine = "refine\">\n#### Goal: more\n</step>"
        let model = ScriptedLanguageModel([
            .texts([refine]), .texts([refine]), .texts([refine]),
            .texts(["```python\n\(Fixtures.good)\n```"]),
        ])
        var configuration = Fixtures.configuration(.pseudocode, .aspr(prefixes: 1, completions: 1))
        configuration.maxPrefixSteps = 3
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: Fixtures.sandbox(), configuration: configuration)
        let record = try await sampler.sample(Fixtures.problem(1))
        #expect(record.prefixes[0].end == .stepCap)
        #expect(record.prefixes[0].trace?.steps.count == 3)
        #expect(record.passedCount == 1)
    }

    @Test("chain-of-thought ASPR: the prefix is the prose before the fence; completions continue an opened fence")
    func chainOfThoughtASPR() async throws {
        let reasoning = "The function returns its argument unchanged."
        let model = ScriptedLanguageModel([
            .texts([reasoning + "\n\n```python\n\(Fixtures.bad)\n```"]),
            .texts([Fixtures.good + "\n```\nDone.", "print('no function')\n```"]),
        ])
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: Fixtures.sandbox(),
            configuration: Fixtures.configuration(.chainOfThought, .aspr(prefixes: 1, completions: 2)))
        let record = try await sampler.sample(Fixtures.problem(2))
        #expect(record.prefixes[0].text == reasoning)
        #expect(record.prefixes[0].end == .modelChoseCode)
        #expect(record.prefixes[0].completions.map(\.passed) == [true, false])
        #expect(record.prefixes[0].completions[1].parseIssues.contains("entryPointNotDefined"))
        let request = model.requests[1]
        #expect(request.parameters.stop == ["```"])
        if case .chat(let messages) = request.prompt {
            #expect(messages.last == .assistant(reasoning + "\n\n```python\n"))
        } else {
            Issue.record("expected a chat prompt")
        }
        let lines = SampleLine.lines(
            records: [record], style: .chainOfThought, samplingProtocol: .aspr(prefixes: 1, completions: 2))
        #expect(lines[0].trace == reasoning + "\n\n```python\n" + Fixtures.good + "\n```")
        #expect(lines[0].solution == Fixtures.good)
    }

    @Test("independent sampling: n whole answers, an empty answer is a recorded failing sample")
    func independentDirect() async throws {
        let model = ScriptedLanguageModel([
            .texts(["```python\n\(Fixtures.good)\n```", "", "```python\n\(Fixtures.bad)\n```"])
        ])
        let sandbox = Fixtures.sandbox()
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: sandbox,
            configuration: Fixtures.configuration(.direct, .independent(samples: 3)))
        let record = try await sampler.sample(Fixtures.problem(3))
        #expect(record.prefixes.count == 1 && record.prefixes[0].end == PrefixEnd.none)
        #expect(record.completions.map(\.verdict) == ["passed", "unparsable", "failed"])
        #expect(record.completions[1].parseFailure == "emptyOutput")
        #expect(sandbox.evaluations.count == 2)
        #expect(model.requests.first?.n == 3)
        let summary = SamplingSummary(records: [record], samplingProtocol: .independent(samples: 3))
        #expect(summary.aspr == nil)
        #expect(abs((summary.passAt1 ?? -1) - 1.0 / 3.0) < 1e-12)
    }

    @Test("evalplus: zero-shot answers inside the opened fence; the summary counts truncated and repetition-stopped ones")
    func evalPlusCounts() async throws {
        let model = ScriptedLanguageModel([
            .completions([
                .scripted(Fixtures.good, stopReason: .stopSequence), .scripted(Fixtures.good, stopReason: .maxTokens),
                .scripted(Fixtures.bad, stopReason: .repetition),
            ])
        ])
        let sampler = ProblemSampler(
            model: model, prompts: try Fixtures.prompts(), sandbox: Fixtures.sandbox(),
            configuration: Fixtures.configuration(.evalplus, .independent(samples: 3)))
        let record = try await sampler.sample(Fixtures.problem(3))
        #expect(model.requests.first?.parameters.stop.first == "\n```")
        #expect(record.completions.map(\.verdict) == ["passed", "passed", "failed"])
        #expect(record.completions[1].parseIssues == ["truncated"])
        let summary = SamplingSummary(records: [record], samplingProtocol: .independent(samples: 3))
        #expect(summary.truncatedSamples == 1)
        #expect(summary.repetitionStoppedSamples == 1)
        #expect(summary.stopReasons == [KindCount(kind: "max_tokens", count: 1), KindCount(kind: "repetition", count: 1),
            KindCount(kind: "stop", count: 1)])
        #expect(summary.table.contains("truncated at the token cap 1 · stopped for repetition 1"))
    }

    @Test("the chain-of-thought split takes the last python fence and keeps prose without one")
    func chainOfThoughtSplit() {
        let two = "First idea.\n```python\nx = 1\n```\nBetter:\n  ```Python\ny = 2\n```"
        #expect(ChainOfThoughtPrefix.split(two) == ("First idea.\n```python\nx = 1\n```\nBetter:", .modelChoseCode))
        #expect(ChainOfThoughtPrefix.split("Just prose.\n\n") == ("Just prose.", .noCodeFence))
        #expect(ChainOfThoughtPrefix.split("```pseudo\nstep\n```") == ("```pseudo\nstep\n```", .noCodeFence))
    }

    @Test("seeds depend on run seed, problem and place only")
    func seeds() {
        let a = SeedDerivation.seed(42, problem: "Mbpp/11", stage: 1, index: 0)
        #expect(a == SeedDerivation.seed(42, problem: "Mbpp/11", stage: 1, index: 0))
        let others = [
            SeedDerivation.seed(43, problem: "Mbpp/11", stage: 1, index: 0),
            SeedDerivation.seed(42, problem: "Mbpp/12", stage: 1, index: 0),
            SeedDerivation.seed(42, problem: "Mbpp/11", stage: 2, index: 0),
            SeedDerivation.seed(42, problem: "Mbpp/11", stage: 1, index: 1),
        ]
        #expect(Set(others + [a]).count == 5)
    }

    @Test("configuration validation names the bad options")
    func validation() {
        #expect(Fixtures.configuration(.direct, .aspr(prefixes: 2, completions: 2)).validationErrors().count == 1)
        #expect(Fixtures.configuration(.cot, .independent(samples: 0)).validationErrors().count == 1)
        #expect(Fixtures.configuration(.pseudocode, .aspr(prefixes: 2, completions: 3)).validationErrors().isEmpty)
    }
}

extension PromptStyle {
    static let cot = PromptStyle.chainOfThought
}
