import Execution
import Foundation
import O1CoderCore
import O1CoderTestSupport
import Testing

/// MBPP rows read directly (the Datasets loader is not a dependency of this target).
enum MBPPRows {
    static var path: String? {
        let root = ProcessInfo.processInfo.environment["O1CODER_SHARED_DATASETS"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/datasets")
            .standardizedFileURL.path
        let file = root + "/mbpp/mbpp.jsonl"
        return FileManager.default.fileExists(atPath: file) ? file : nil
    }

    struct Row: Decodable, Sendable {
        var taskID: Int
        var code: String
        var testList: [String]
        var testSetupCode: String
        var challengeTestList: [String]
        enum CodingKeys: String, CodingKey {
            case code
            case taskID = "task_id"
            case testList = "test_list"
            case testSetupCode = "test_setup_code"
            case challengeTestList = "challenge_test_list"
        }
    }

    static func all() throws -> [Row] {
        guard let path else { return [] }
        let decoder = JSONDecoder()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(Row.self, from: Data($0.utf8))
        }
    }

    /// MBPP's code and tests have CRLF line endings.
    static func normalized(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }

    static func entryPoint(code: String, firstTest: String) -> String? {
        func matches(_ pattern: String, _ text: String) -> [String] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            }
        }
        let defined = Set(matches(#"^\s*def\s+(\w+)\s*\("#, code))
        return matches(#"(?<![\w.])(\w+)\s*\("#, firstTest).first { defined.contains($0) }
    }
}

/// All 974 MBPP reference solutions pass in the real sandbox with sanitizing, canonical results
/// and the harness's integrity checks on: none of them may regress. The entry point is found as
/// the loader finds it, the first function `code` defines that `test_list[0]` calls.
@Suite(
    .requires(.python3),
    .enabled("needs ../shared/datasets/mbpp/mbpp.jsonl or O1CODER_SHARED_DATASETS") { MBPPRows.path != nil },
    .timeLimit(.minutes(8)))
struct MBPPReferenceTests {
    @Test("every reference solution passes, sanitized")
    func referencesPass() async throws {
        let rows = try MBPPRows.all()
        #expect(rows.count == 974)
        // Its own worker, so that 974 executions do not queue ahead of the shared pool's tests.
        let sandbox = try await ProcessSandbox(configuration: SandboxConfiguration(workers: 1))
        defer { Task { await sandbox.shutdown() } }
        // Generous CPU: a few references (task 123) need about 4 s on a loaded machine.
        let limits = ExecutionLimits(cpuSeconds: 20, wallSeconds: 120)
        let failures = try await withThrowingTaskGroup(of: String?.self) { group in
            var failures: [String] = []
            for (index, row) in rows.enumerated() {
                if index >= 2, let result = try await group.next(), let failure = result { failures.append(failure) }
                group.addTask {
                    let code = MBPPRows.normalized(row.code)
                    let tests = (row.testList + row.challengeTestList).map(MBPPRows.normalized)
                    guard let first = tests.first, let entry = MBPPRows.entryPoint(code: code, firstTest: first) else {
                        return "Mbpp/\(row.taskID): no entry point"
                    }
                    let suite = TestSuite(setup: MBPPRows.normalized(row.testSetupCode), cases: tests.map { .assertion($0) })
                    let report = try await sandbox.evaluate(program: code, suite: suite, entryPoint: entry, limits: limits)
                    return report.verdict.isPassed ? nil : "Mbpp/\(row.taskID): \(report.verdict)"
                }
            }
            for try await result in group {
                if let failure = result { failures.append(failure) }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
