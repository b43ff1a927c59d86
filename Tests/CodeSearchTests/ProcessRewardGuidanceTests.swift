import CodeSearch
import Execution
import Foundation
import Inference
import O1CoderCore
import O1CoderTestSupport
import Reasoning
import Search
import Synchronization
import Testing

/// A PRM double: a fixed score for each last step's text, recording what it was asked.
final class TablePRM: ProcessRewardModel {
    let table: [String: Double]
    let asked = Mutex<[[String]]>([])
    init(_ table: [String: Double]) { self.table = table }
    func scores(problem: String, steps: [String]) async throws -> [Double] {
        asked.withLock { $0.append(steps) }
        return steps.map { step in table.first { step.contains($0.key) }?.value ?? 0.5 }
    }
}

@Suite("PRM-guided priors (--prm, --prm-weight)")
struct ProcessRewardGuidanceTests {
    static func expand(weight: Double?, prm: TablePRM?) async throws -> [Double] {
        let model = ScriptedLanguageModel([.texts(["structure\">\nOutline A.\n</step>", "structure\">\nOutline B.\n</step>"])])
        var c = CodeSearchTests.configuration()
        if let weight { c.processReward = ProcessRewardGuidance(model: "prm-test", weight: weight) }
        let problem = CodeSearchTests.problem("Mbpp/1")
        let domain = CodeReasoningDomain(
            problem: problem, generator: StepGenerator(model: model, prompts: PromptBuilder(library: try FewShotLibrary.bundled())),
            sandbox: CodeSearchTests.sandbox(), configuration: c, searchTests: problem.tests, log: ExecutionLog(), processRewards: prm)
        return try await domain.propose(after: [], count: 2, mustTerminate: false, variant: 0, tokenLimit: nil).candidates.map(\.prior)
    }

    @Test("weight 1 gives the PRM's normalised scores, 0 the policy's, ½ their average; each candidate path is scored")
    func blending() async throws {
        let prm = TablePRM(["Outline A": 0.9, "Outline B": 0.1])
        let policy = try await Self.expand(weight: nil, prm: nil)
        #expect(abs(policy.reduce(0, +) - 1) < 1e-9)
        let full = try await Self.expand(weight: 1, prm: prm)
        #expect(abs(full[0] - 0.9) < 1e-9 && abs(full[1] - 0.1) < 1e-9)
        #expect(prm.asked.withLock { $0 }.map(\.count) == [1, 1])  // the root's candidates: one-step paths
        let none = try await Self.expand(weight: 0, prm: prm)
        #expect(zip(none, policy).allSatisfy { abs($0 - $1) < 1e-9 })
        let half = try await Self.expand(weight: 0.5, prm: prm)
        #expect(zip(half, zip(policy, full)).allSatisfy { abs($0 - ($1.0 + $1.1) / 2) < 1e-9 })
    }

    @Test("without a configured guidance a PRM is not consulted")
    func unusedWithoutGuidance() async throws {
        let prm = TablePRM([:])
        _ = try await Self.expand(weight: nil, prm: prm)
        #expect(prm.asked.withLock { $0 }.isEmpty)
    }
}
