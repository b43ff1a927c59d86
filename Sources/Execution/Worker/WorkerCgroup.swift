internal import Foundation
public import O1CoderCore
#if canImport(Glibc)
internal import Glibc
#endif

/// Per-worker control groups: `pids.max` and a memory limit that bound everything a worker's
/// executions start (fork chains, kernel memory on v2), beyond what per-process rlimits can.
/// cgroup v2 where the unified hierarchy has the pids and memory controllers; else the v1 pids and
/// memory hierarchies (nested under this process's own groups); else none, and the sandbox's
/// report says why.
public struct CgroupReport: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Version: String, Codable, Sendable { case v1, v2 }
    /// nil: not in force.
    public var version: Version?
    public var processes: Int
    public var memory: ByteCount
    /// Why they are not in force.
    public var reason: String?

    public var isActive: Bool { version != nil }
    public var description: String {
        guard let version else { return "no cgroups (\(reason ?? "unknown"))" }
        return "cgroup \(version.rawValue) per worker: pids.max \(processes), memory \(memory)"
    }
}

/// The groups of one worker slot (a respawned worker joins the same ones).
final class WorkerCgroup: Sendable {
    /// Group directories and the files that take a pid.
    let version: CgroupReport.Version
    let directories: [String]
    let procs: [String]

    private init(version: CgroupReport.Version, directories: [String], procs: [String]) {
        self.version = version
        self.directories = directories
        self.procs = procs
    }

    /// What this machine offers: the version and the parent directories to create groups in.
    typealias Hierarchy = (version: CgroupReport.Version, parents: [String: String])

    /// The writable hierarchy with the pids and memory controllers, nil when there is none.
    static func detect() -> Hierarchy? {
        let fm = FileManager.default
        let unified = "/sys/fs/cgroup"
        if let controllers = try? String(contentsOfFile: unified + "/cgroup.controllers", encoding: .utf8),
            controllers.contains("pids"), controllers.contains("memory"), fm.isWritableFile(atPath: unified)
        {
            return (.v2, ["unified": unified])
        }
        // v1: each controller's hierarchy, under the group this process is in.
        var parents: [String: String] = [:]
        let own = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
        for controller in ["pids", "memory"] {
            let root = "/sys/fs/cgroup/" + controller
            guard fm.isWritableFile(atPath: root) else { return nil }
            let path = own.split(separator: "\n").compactMap { line -> String? in
                let parts = line.split(separator: ":", maxSplits: 2).map(String.init)
                return parts.count == 3 && parts[1].split(separator: ",").contains(Substring(controller)) ? parts[2] : nil
            }.first ?? "/"
            let parent = root + (path == "/" ? "" : path)
            guard fm.isWritableFile(atPath: parent) else { return nil }
            parents[controller] = parent
        }
        return (.v1, parents)
    }

    /// Creates one group per worker (named by this process, `instance` and the worker's index), or
    /// none and the reason.
    static func create(instance: Int, workers: Int, processes: Int, memory: ByteCount) -> ([WorkerCgroup], CgroupReport) {
        var report = CgroupReport(version: nil, processes: processes, memory: memory, reason: nil)
        guard let hierarchy = detect() else {
            report.reason = "no writable cgroup hierarchy with the pids and memory controllers (run as root, or delegate one)"
            return ([], report)
        }
        sweepStale(in: hierarchy)
        var groups: [WorkerCgroup] = []
        for index in 0..<workers {
            switch create(name: "\(instance)-worker-\(index)", in: hierarchy, processes: processes, memory: memory) {
            case .success(let group):
                groups.append(group)
            case .failure(let failure):
                groups.forEach { $0.remove() }
                report.reason = failure.description
                return ([], report)
            }
        }
        report.version = groups.first?.version
        return (groups, report)
    }

    /// Creates the groups `name` with the limits, or returns why it cannot.
    static func create(name: String, in hierarchy: Hierarchy, processes: Int, memory: ByteCount) -> Result<WorkerCgroup, CgroupFailure> {
        let (version, parents) = hierarchy
        var settings: [(directory: String, file: String, value: String)] = []
        switch version {
        case .v2:
            let parent = parents["unified"]! + "/o1coder-\(getpid())"
            // The parent group hands its children the two controllers.
            if !FileManager.default.fileExists(atPath: parent) {
                do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false) } catch {
                    return .failure(CgroupFailure("cannot create \(parent): \(error.localizedDescription)"))
                }
            }
            _ = write("+pids +memory", to: parents["unified"]! + "/cgroup.subtree_control")
            if let failure = write("+pids +memory", to: parent + "/cgroup.subtree_control") { return .failure(failure) }
            let dir = parent + "/" + name
            settings = [(dir, "pids.max", "\(processes)"), (dir, "memory.max", "\(memory.rawValue)"), (dir, "memory.swap.max", "0")]
        case .v1:
            settings = [
                (parents["pids"]! + "/o1coder-\(getpid())-" + name, "pids.max", "\(processes)"),
                (parents["memory"]! + "/o1coder-\(getpid())-" + name, "memory.limit_in_bytes", "\(memory.rawValue)"),
            ]
        }
        var directories: [String] = []
        for (directory, file, value) in settings {
            if !directories.contains(directory) {
                do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false) } catch {
                    if !FileManager.default.fileExists(atPath: directory) {
                        directories.forEach { rmdir($0) }
                        return .failure(CgroupFailure("cannot create \(directory): \(error.localizedDescription)"))
                    }
                }
                directories.append(directory)
            }
            // memory.swap.max is absent without swap accounting: not a failure.
            if let failure = write(value, to: directory + "/" + file), file != "memory.swap.max" {
                directories.forEach { rmdir($0) }
                return .failure(failure)
            }
        }
        return .success(WorkerCgroup(version: version, directories: directories, procs: directories.map { $0 + "/cgroup.procs" }))
    }

    /// Moves `root` and all its descendants (and so everything they start later) into the groups.
    func add(tree root: Int32) -> CgroupFailure? {
        for pid in [root] + ProcessTree.descendants(of: root) {
            for file in procs {
                if let failure = Self.write("\(pid)", to: file) { return failure }
            }
        }
        return nil
    }

    /// Removes the groups of O1Coder processes that have exited without removing theirs (killed,
    /// or a sandbox never shut down): `o1coder-PID…` whose PID is gone and which hold no process.
    static func sweepStale(in hierarchy: Hierarchy) {
        let fm = FileManager.default
        for parent in hierarchy.parents.values {
            for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix("o1coder-") {
                let pid = name.dropFirst("o1coder-".count).prefix { $0.isNumber }
                guard let owner = Int32(pid), owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
                let group = parent + "/" + name
                // v2 keeps the workers' groups inside a per-process parent.
                for child in (try? fm.contentsOfDirectory(atPath: group)) ?? [] where child.contains("worker-") {
                    rmdir(group + "/" + child)
                }
                rmdir(group)
            }
        }
    }

    /// Kills whatever is still in the groups (all of it is the sandbox's own) and removes them;
    /// waits at most ~0.2 s for the kernel to let the processes go.
    func remove() {
        for file in procs {
            let pids = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
            for pid in pids { _ = kill(pid, SIGKILL) }
        }
        for directory in directories {
            for _ in 0..<20 where rmdir(directory) != 0 && errno == EBUSY { usleep(10_000) }
        }
        if let parent = directories.first.map({ ($0 as NSString).deletingLastPathComponent }), parent.hasSuffix("/o1coder-\(getpid())") {
            rmdir(parent)
        }
    }

    private static func write(_ value: String, to file: String) -> CgroupFailure? {
        let fd = open(file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return CgroupFailure("cannot open \(file): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            return CgroupFailure("cannot write '\(value)' to \(file): \(String(cString: strerror(errno)))")
        }
        return nil
    }
}

struct CgroupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
