import Foundation

/// One JSON line from training/runner.py. Unknown events are kept as `.other` so a newer runner
/// does not break an older binary.
public enum RunnerEvent: Sendable, Equatable {
    case start(records: Int, maxSteps: Int, resumeFrom: String?)
    /// `values` holds the numbers the trainer logged (loss, learning_rate, grad_norm, …).
    case progress(step: Int, total: Int, values: [String: Double])
    case checkpoint(step: Int, path: String)
    case metrics([String: Double])
    case generation(tokens: [Int32], text: String)
    /// A PRM's P(+) at each step tag of one path.
    case scores([Double])
    case done([String: String])
    case error(kind: String, message: String)
    case other(String)

    /// Decodes one line; nil for a line that is not a JSON object with an `event`.
    public static func decode(_ line: String) -> RunnerEvent? {
        guard let data = line.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let event = object["event"] as? String
        else { return nil }
        func int(_ key: String) -> Int { (object[key] as? NSNumber)?.intValue ?? 0 }
        func numbers() -> [String: Double] {
            var values: [String: Double] = [:]
            for (k, v) in object where k != "event" {
                if let n = v as? NSNumber { values[k] = n.doubleValue }
            }
            return values
        }
        switch event {
        case "start":
            return .start(records: int("records"), maxSteps: int("max_steps"), resumeFrom: object["resume_from"] as? String)
        case "progress":
            var values = numbers()
            values["step"] = nil
            values["total"] = nil
            return .progress(step: int("step"), total: int("total"), values: values)
        case "checkpoint":
            return .checkpoint(step: int("step"), path: object["path"] as? String ?? "")
        case "metrics":
            return .metrics(numbers())
        case "generation":
            let tokens = (object["tokens"] as? [NSNumber] ?? []).map { Int32(truncating: $0) }
            return .generation(tokens: tokens, text: object["text"] as? String ?? "")
        case "scores":
            return .scores((object["scores"] as? [NSNumber] ?? []).map(\.doubleValue))
        case "done":
            var fields: [String: String] = [:]
            for (k, v) in object where k != "event" { fields[k] = "\(v)" }
            return .done(fields)
        case "error":
            return .error(kind: object["kind"] as? String ?? "failed", message: object["message"] as? String ?? "")
        default:
            return .other(event)
        }
    }
}
