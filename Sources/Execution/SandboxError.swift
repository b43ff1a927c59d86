import O1CoderCore

/// Failures of the sandbox itself (never of the program it runs: those are `Verdict`s).
public enum SandboxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The sandbox cannot run at all.
    case unavailable(String)
    /// The isolation that can be had is weaker than `SandboxConfiguration.minimumIsolation`.
    case isolationUnavailable(required: IsolationLevel, available: IsolationLevel, reason: String)
    /// The Python worker files could not be found or staged.
    case resourcesMissing(String)
    /// `shutdown()` was called; create a new `ProcessSandbox`.
    case shutDown

    public var description: String {
        switch self {
        case .unavailable(let reason):
            "Sandbox unavailable: \(reason)"
        case .isolationUnavailable(let required, let available, let reason):
            """
            Sandbox isolation '\(required.rawValue)' was required but only '\(available.rawValue)' is available \
            (\(reason)). Install the sandbox packages with `apt-get install -y bubblewrap python3-seccomp` \
            (or run scripts/setup-system.sh), make sure unprivileged user namespaces are enabled \
            (sysctl user.max_user_namespaces > 0, kernel.unprivileged_userns_clone=1), or lower \
            SandboxConfiguration.minimumIsolation.
            """
        case .resourcesMissing(let reason):
            "Sandbox worker files unavailable: \(reason). Rebuild the package so the Execution resources are bundled."
        case .shutDown:
            "The sandbox was shut down; create a new ProcessSandbox."
        }
    }
}
