import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Sampling

/// Shared fixtures of the sampling tests.
enum Fixtures {
    static func problem(_ n: Int) -> Problem {
        Problem(
            id: ProblemID("Mbpp/\(n)"), dataset: .mbpp, prompt: "Write a function f that returns its argument.\nassert f(1) == 1",
            style: .function(entryPoint: "f"), referenceSolution: "def f(x):\n    return x",
            tests: TestSuite(cases: [.assertion("assert f(1) == 1"), .assertion("assert f(2) == 2")]), split: "test")
    }

    static let good = "def f(x):\n    return x"
    static let bad = "def f(x):\n    return 0"

    /// Passes exactly ``good``.
    static func sandbox() -> FakeSandbox {
        FakeSandbox(verdicts: [good: .passed], otherwise: .failed(test: 0, message: "AssertionError"))
    }

    static func prompts() throws -> PromptBuilder {
        PromptBuilder(library: try FewShotLibrary.bundled(), maxExamples: 1)
    }

    static func configuration(_ style: PromptStyle, _ samplingProtocol: SamplingProtocol) -> SamplingConfiguration {
        SamplingConfiguration(style: style, samplingProtocol: samplingProtocol, maxPrefixSteps: 3)
    }

    static func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "o1coder-sampling-tests-" + UUID().uuidString
    }

    static func manifest(_ configuration: SamplingConfiguration, problems: Int, model: String = "scripted") -> RunManifest {
        RunManifest(
            configuration: configuration, dataset: ArtifactIdentity(name: "mbpp", path: "/data/mbpp.jsonl", sha256: "d1"),
            datasetName: .mbpp, selection: ProblemSelection(splits: ["test"], limit: problems), problemCount: problems,
            model: ArtifactIdentity(name: model, path: "/models/\(model).gguf", sha256: "m1"), toolVersion: "test",
            createdAt: "2025-01-01T00:00:00Z", command: "o1coder sample …")
    }
}
