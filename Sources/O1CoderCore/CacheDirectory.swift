public import Foundation

/// Where O1Coder keeps what set-up installs and runs reuse (models, the training environment, the
/// oracle's outputs, HumanEval): the rule of scripts/common.sh, written once.
public enum CacheDirectory {
    /// `$O1CODER_CACHE`, else `$XDG_CACHE_HOME/o1coder`, else `~/.cache/o1coder`.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let c = environment["O1CODER_CACHE"], !c.isEmpty { return c }
        if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/o1coder" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/o1coder"
    }
}
