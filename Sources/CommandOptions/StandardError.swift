public import Evaluation
import Foundation
import O1CoderCore
import Synchronization

/// Progress and warnings on stderr (stdout carries results only).
public enum StandardError {
    public static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Evaluation progress through ``ProgressReporter``, a new one (and ETA) for each phase.
    public static var progress: ProgressHandler {
        let current = Mutex<(phase: String, reporter: ProgressReporter)?>(nil)
        return { event in
            let reporter = current.withLock { current in
                if current?.phase != event.phase { current = (event.phase, ProgressReporter(label: event.phase)) }
                return current!.reporter
            }
            reporter.update(event)
        }
    }

    public static func jsonString<Value: Encodable>(_ value: Value) throws -> String {
        try JSONCoding.string(value, .document)
    }
}
