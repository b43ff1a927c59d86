internal import Foundation
import ChildProcesses

/// Model set-up's helper tools (pip, unzip) through ``TrustedProcess``, failures as set-up errors.
enum ToolProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> Data {
        do {
            return try await TrustedProcess.run(executable, arguments)
        } catch {
            let hint = error.status == nil ? " Install it (make setup)." : ""
            throw ModelStoreError(.downloadFailed, error.description + hint)
        }
    }
}
