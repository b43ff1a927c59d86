internal import Foundation

/// Runs a trusted helper tool (pip, unzip, sha256sum) without blocking the cooperative pool:
/// the output is drained on a dedicated thread and termination is awaited through a continuation.
enum ToolProcess {
    static func run(_ executable: String, _ arguments: [String]) async throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let name = arguments.prefix(3).joined(separator: " ")
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
            let thread = Thread {
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: InferenceError(.downloadFailed, "Could not start '\(name)': \(error). Install it (make setup)."))
                    return
                }
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                let err = stderr.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                if process.terminationStatus == 0 {
                    continuation.resume(returning: out)
                } else {
                    let tail = String(decoding: err.suffix(400), as: UTF8.self)
                    continuation.resume(throwing: InferenceError(.downloadFailed, "'\(name)' failed with status \(process.terminationStatus): \(tail)"))
                }
            }
            thread.start()
        }
    }
}
