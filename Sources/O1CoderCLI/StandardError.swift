import Evaluation
import Foundation
import O1CoderCore

/// Progress and warnings on stderr (stdout carries results only).
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints about every 5% (and the last item) as a plain log line.
    static let progress: ProgressHandler = { event in
        let step = max(1, event.total / 20)
        guard event.completed % step == 0 || event.completed == event.total else { return }
        write("\(event.phase): \(event.completed)/\(event.total)" + (event.failed > 0 ? " (\(event.failed) not passed)" : ""))
    }

    static func jsonString<Value: Encodable>(_ value: Value) throws -> String {
        try JSONCoding.string(value, .document)
    }
}
