import Execution
public import Foundation

extension RemoteSandbox {
    /// Connects to the server at `url` and, with `requiringFullIsolation`, refuses one that does
    /// not report full isolation. A SandboxFusion server reports none, so it is refused too: its
    /// isolation is its own and cannot be checked from here.
    /// - Throws: `SandboxError.isolationUnavailable`, or what ``connect(url:token:api:attempts:)`` throws.
    public static func connect(
        url: URL, token: String?, api: API?, requiringFullIsolation: Bool
    ) async throws -> RemoteSandbox {
        let remote = try await connect(url: url, token: token, api: api)
        if requiringFullIsolation, remote.isolation != .full {
            let why = remote.api == .sandboxFusion
                ? "a SandboxFusion server's isolation is its own and not known here"
                : "the server runs with \(remote.isolation.rawValue) isolation"
            throw SandboxError.isolationUnavailable(required: .full, available: remote.isolation, reason: "\(url.absoluteString): \(why)")
        }
        return remote
    }
}
