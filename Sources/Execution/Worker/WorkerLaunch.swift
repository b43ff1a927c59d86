internal import Foundation
import O1CoderCore

/// How a worker process is started for one isolation level, and where its Python files live.
struct WorkerLaunch: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var level: IsolationLevel

    /// Where the Python files are mounted inside bubblewrap.
    static let mountPoint = "/opt/o1coder-sandbox"
    static let nobody = "65534"
    static let bwrap = "/usr/bin/bwrap"
    static let setpriv = "/usr/bin/setpriv"
    static let threadVariables = ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"]

    static var isRoot: Bool { getuid() == 0 }

    /// setpriv to nobody when we are root; otherwise we already are unprivileged.
    private static var dropPrivileges: [String] {
        isRoot ? [setpriv, "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups"] : []
    }

    private static func command(_ parts: [String]) -> (String, [String]) {
        (parts[0], Array(parts.dropFirst()))
    }

    /// setpriv nobody + bubblewrap (all namespaces, read-only root, small tmpfs) + per-execution
    /// user and pid namespaces + rlimits + seccomp.
    static func full(resources: URL, python: String) -> WorkerLaunch {
        var parts = dropPrivileges
        parts += [
            bwrap, "--unshare-all", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc", "--dev", "/dev",
            "--size", "268435456", "--tmpfs", "/tmp", "--size", "16777216", "--tmpfs", "/dev/shm",
            "--ro-bind", resources.path, mountPoint, "--remount-ro", "/",
            "--chdir", "/tmp", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
            "--setenv", "LANG", "C.UTF-8", "--setenv", "O1CODER_SANDBOXED", "1",
        ]
        for variable in threadVariables { parts += ["--setenv", variable, "1"] }
        parts += ["--", python, "-I", mountPoint + "/worker.py"]
        let (executable, arguments) = command(parts)
        return WorkerLaunch(executable: executable, arguments: arguments, environment: ["PATH": "/usr/bin:/bin"], level: .full)
    }

    /// No bubblewrap: setpriv nobody + rlimits + seccomp (+ per-execution namespaces if they work).
    static func reduced(resources: URL, scratch: URL, python: String) -> WorkerLaunch {
        let parts = dropPrivileges + [python, "-I", resources.appendingPathComponent("worker.py").path]
        let (executable, arguments) = command(parts)
        return WorkerLaunch(
            executable: executable, arguments: arguments,
            environment: baseEnvironment(scratch: scratch).merging(["O1CODER_ISOLATE": "1"]) { $1 }, level: .reduced)
    }

    /// rlimits only: no uid drop, no seccomp, no namespaces.
    static func minimal(resources: URL, scratch: URL, python: String) -> WorkerLaunch {
        WorkerLaunch(
            executable: python, arguments: ["-I", resources.appendingPathComponent("worker.py").path],
            environment: baseEnvironment(scratch: scratch).merging(["O1CODER_ISOLATE": "0", "O1CODER_SECCOMP": "0"]) { $1 },
            level: .minimal)
    }

    private static func baseEnvironment(scratch: URL) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "LANG": "C.UTF-8", "O1CODER_SCRATCH": scratch.path]
        for variable in threadVariables { environment[variable] = "1" }
        return environment
    }
}
