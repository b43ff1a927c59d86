internal import Foundation
import O1CoderCore

/// Model set-up's helper tools (pip, unzip) through ``TrustedProcess``, failures as set-up errors.
enum ToolProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> Data {
        do {
            return try await TrustedProcess.run(executable, arguments)
        } catch let failure as TrustedProcess.Failure {
            let hint = failure.status == nil ? " Install it (make setup)." : ""
            throw InferenceError(.downloadFailed, failure.description + hint)
        }
    }
}
