import Datasets
import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
@testable import Evaluation

/// End-to-end against the real `ProcessSandbox`: a sandbox that does not start fails the test.
@Suite struct RealSandboxTests {
    @Test("HumanEval: all 164 reference solutions pass in the real sandbox", .requires(.humanEval, .python3))
    func humanEvalReferences() async throws {
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 2))
        let loaded = try DatasetLoader().loadProblems(dataset: .humaneval, path: TestEnvironment.humanEvalPath)
        let report = try await ReferenceCheck(sandbox: sandbox, workers: 2).run(loaded.problems)
        await sandbox.shutdown()
        #expect(report.checkedCount == 164)
        #expect(report.failures.map(\.id) == [])
    }
}
