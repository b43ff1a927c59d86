import Foundation

/// What an SFT or DPO run trains: the policy (reasoning traces, `o1coder export`) or the test
/// case generator (`o1coder tcg data`). Both come in TRL's record shapes, which the runner
/// already reads (`{prompt, completion}` and `{prompt, chosen, rejected}`), so nothing is
/// converted; the purpose is checked against the data and recorded with the model.
public enum TrainingPurpose: String, Codable, Sendable, CaseIterable {
    case policy
    case tcg

    /// The fence that opens every test block the TCG writes (TestGeneration's `TestBlockFormat`:
    /// "```" + "case", then "# input:").
    static let testBlockFence = "```case"

    /// Checks that `data` holds data of this purpose for `method` (SFT or DPO); lines that are
    /// not JSON objects are left to the runner, which names them.
    /// - Throws: ``TrainingError/Kind/badData`` naming the file and line and the command to use.
    public func check(data path: String, method: TrainingMethod) throws(TrainingError) {
        guard method == .sft || method == .dpo else {
            throw TrainingError(.badJob, "--for applies to train sft and train dpo, not \(method.rawValue).")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        var records = 0
        // "\r\n" is one Character in Swift; the runner (Python) counts it as one line end too.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            guard let data = line.data(using: .utf8), let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                continue
            }
            records += 1
            guard let why = Self.whyNotTCG(record, method: method) else { continue }
            // Policy data needs one record that is not TCG's; TCG data needs every one to be.
            guard self == .tcg else { return }
            throw TrainingError(
                .badData,
                "\(path):\(index + 1): not TCG data: \(why). --for tcg trains the test case generator on "
                    + "`o1coder tcg data --kind \(method.rawValue)` output; to train the policy, drop --for tcg.")
        }
        if self == .policy, records > 0 {
            throw TrainingError(
                .badData,
                "\(path): every record is TCG data (`o1coder tcg data`: answers made of ```case test blocks). "
                    + "Pass --for tcg to train the test case generator on it.")
        }
    }

    /// Why `record` is not a TCG record for `method`; nil when it is one.
    static func whyNotTCG(_ record: [String: Any], method: TrainingMethod) -> String? {
        guard record["messages"] == nil else { return "it has `messages` (o1coder export sft writes those)" }
        guard record["prompt"] is [Any] else { return "no chat `prompt` (a list of messages)" }
        let answers = method == .sft ? ["completion"] : ["chosen", "rejected"]
        for key in answers {
            guard let messages = record[key] as? [[String: Any]], let last = messages.last?["content"] as? String else {
                return "no chat `\(key)` (a list of messages)"
            }
            guard last.contains(testBlockFence) else { return "its \(key) has no ```case test block" }
        }
        return nil
    }
}
