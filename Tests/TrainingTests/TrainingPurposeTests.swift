import Foundation
import O1CoderTestSupport
import Inference
import Models
import Testing
@testable import Training

@Suite struct TrainingPurposeTests {
    let scratch = NSTemporaryDirectory() + "o1coder-purpose-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    func write(_ name: String, _ rows: [[String: Any]]) throws -> String {
        try JSONLFixture.write(rows, named: name, in: scratch)
    }

    static let tcgPrompt: [[String: String]] = [
        ["role": "system", "content": "You write test cases for programming problems."],
        ["role": "user", "content": "Write 1 test cases for the problem below.\n\n### Tests"],
    ]
    static func blocks(_ output: String) -> [[String: String]] {
        [["role": "assistant", "content": "```case\n# input:\nadd(2, 3)\n# output:\n\(output)\n```"]]
    }
    static var tcgSFT: [String: Any] { ["prompt": tcgPrompt, "completion": blocks("5")] }
    static var tcgDPO: [String: Any] { ["prompt": tcgPrompt, "chosen": blocks("5"), "rejected": blocks("6")] }
    static var policySFT: [String: Any] {
        [
            "messages": [["role": "user", "content": "Write add."], ["role": "assistant", "content": "def add(a, b): return a + b"]],
            "problem_id": "Mbpp/2", "reward": 1.0,
        ]
    }
    static var policyDPO: [String: Any] {
        [
            "prompt": [["role": "user", "content": "Write add."]], "chosen": [["role": "assistant", "content": "return a + b"]],
            "rejected": [["role": "assistant", "content": "return a"]], "chosen_reward": 1.0, "rejected_reward": 0.0, "problem_id": "Mbpp/2",
        ]
    }

    func message(_ purpose: TrainingPurpose, _ path: String, _ method: TrainingMethod) -> String? {
        do {
            try purpose.check(data: path, method: method)
            return nil
        } catch {
            return "\(error.kind.rawValue): \(error.message)"
        }
    }

    @Test("TCG data passes --for tcg, for SFT and DPO; policy data passes --for policy")
    func matchingPurposes() throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        #expect(message(.tcg, try write("sft.jsonl", [Self.tcgSFT, Self.tcgSFT]), .sft) == nil)
        #expect(message(.tcg, try write("dpo.jsonl", [Self.tcgDPO]), .dpo) == nil)
        #expect(message(.policy, try write("psft.jsonl", [Self.policySFT]), .sft) == nil)
        #expect(message(.policy, try write("pdpo.jsonl", [Self.policyDPO, Self.tcgDPO]), .dpo) == nil)
    }

    @Test("Policy data under --for tcg names the file, the line and what is missing")
    func policyDataIsNotTCG() throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let sft = try write("sft.jsonl", [Self.tcgSFT, Self.policySFT])
        let m = try #require(message(.tcg, sft, .sft))
        #expect(m.hasPrefix("bad_data: \(sft):2: not TCG data: it has `messages`"))
        #expect(m.contains("o1coder tcg data --kind sft"))
        let dpo = try write("dpo.jsonl", [Self.policyDPO])
        #expect(message(.tcg, dpo, .dpo)?.contains("\(dpo):1: not TCG data: its chosen has no ```case test block") == true)
        // Lines ending in CRLF count as the runner counts them.
        let crlf = try write("crlf.jsonl", [Self.tcgSFT])
        let text = try String(contentsOfFile: crlf, encoding: .utf8)
        let policy = String(decoding: try JSONSerialization.data(withJSONObject: Self.policySFT), as: UTF8.self)
        try (text.replacingOccurrences(of: "\n", with: "\r\n") + policy + "\r\n").write(toFile: crlf, atomically: true, encoding: .utf8)
        #expect(message(.tcg, crlf, .sft)?.contains("\(crlf):2: not TCG data") == true)
        var halfTCG = Self.tcgDPO
        halfTCG["rejected"] = [["role": "assistant", "content": "no tests"]]
        #expect(message(.tcg, try write("half.jsonl", [halfTCG]), .dpo)?.contains("its rejected has no ```case") == true)
        // SFT data is not DPO data.
        #expect(message(.tcg, try write("sft2.jsonl", [Self.tcgSFT]), .dpo)?.contains("no chat `chosen`") == true)
    }

    @Test("TCG data under --for policy is refused with the flag to pass; --for is only for SFT and DPO")
    func tcgDataIsNotPolicy() throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let m = try #require(message(.policy, try write("sft.jsonl", [Self.tcgSFT, Self.tcgSFT]), .sft))
        #expect(m.contains("every record is TCG data") && m.contains("--for tcg"))
        #expect(message(.tcg, try write("x.jsonl", [Self.tcgSFT]), .prm)?.hasPrefix("bad_job: --for applies to train sft and train dpo") == true)
    }

    @Test("The trainer checks the purpose before it starts anything")
    func trainerChecksFirst() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let data = try write("sft.jsonl", [Self.policySFT])
        let environment = TrainingEnvironment(
            python: "/nonexistent/python", runner: "/nonexistent/runner.py", converter: "/nonexistent/convert.py", lockSHA256: "",
            torch: "", directory: scratch + "/train")
        let trainer = ModelTrainer(environment: environment, store: ModelStore(directory: scratch + "/models"))
        do {
            _ = try await trainer.train(TrainingRequest(method: .sft, data: data, base: "/nonexistent.gguf", name: "tcg-1", purpose: .tcg))
            Issue.record("policy data trained a TCG")
        } catch let error as TrainingError {
            #expect(error.kind == .badData)
            #expect(error.message.contains("not TCG data"))
        }
        #expect(!FileManager.default.fileExists(atPath: trainer.runDirectory("tcg-1")))
    }
}
