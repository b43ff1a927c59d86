import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing
import ChildProcesses

/// Canonical HumanEval solutions pass in the real sandbox (prompt + canonical_solution, suite =
/// the dataset's check function) with the default configuration: answers sanitized, results
/// compared on canonical copies.
@Suite(.timeLimit(.minutes(10)))
struct HumanEvalCanonicalTests {
    static var datasetPath: String { TestEnvironment.humanEvalPath }

    /// Read with the real gunzip and JSONSerialization: independent of our dataset loader.
    static func loadProblems() async throws -> [[String: String]] {
        let data = try await TrustedProcess.run("/bin/gunzip", ["-c", datasetPath])
        return try data.split(separator: 0x0A).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] ?? [:]
            return object.compactMapValues { $0 as? String }
        }
    }

    @Test("every canonical solution passes, sanitized, and returning None fails", .requires(.humanEval, .python3))
    func canonicalSolutionsPass() async throws {
        let problems = try await Self.loadProblems()
        #expect(problems.count == 164)
        // Its own worker, so that 164 executions do not queue ahead of the shared pool's tests.
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1))
        defer { Task { await sandbox.shutdown() } }
        for (index, problem) in problems.enumerated() {
            let program = (problem["prompt"] ?? "") + (problem["canonical_solution"] ?? "")
            let entryPoint = problem["entry_point"] ?? ""
            let suite = TestSuite(cases: [.script((problem["test"] ?? "") + "\ncheck(\(entryPoint))")])
            let report = try await sandbox.evaluate(program: program, suite: suite, entryPoint: entryPoint, limits: .default)
            #expect(report.verdict == .passed, "\(problem["task_id"] ?? "?"): \(report.verdict)")
            // A broken solution must fail, so the check can fail (all 164 do; a dozen show it).
            guard index < 12 else { continue }
            let broken = (problem["prompt"] ?? "") + "    return None\n"
            let bad = try await sandbox.evaluate(program: broken, suite: suite, entryPoint: entryPoint, limits: .default)
            #expect(!bad.verdict.isPassed, "\(problem["task_id"] ?? "?") passed with `return None`")
        }
    }
}
