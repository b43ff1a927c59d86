extension ProcessSandbox {
    /// What `o1coder sandbox info` prints: the isolation and cgroups in force, the workers, the
    /// interpreter and the default limits, one `name: value` line each.
    public var report: [String] {
        let limits = ExecutionLimits.default
        return [
            "isolation: \(isolation.rawValue)", "cgroups: \(cgroups)", "workers: \(configuration.workers)",
            "python: \(configuration.python)",
            "limits: cpu \(limits.cpuSeconds) s, wall \(limits.wallSeconds) s, memory \(limits.memory), output \(limits.output), "
                + "processes \(limits.processes), open files \(limits.openFiles)",
        ]
    }
}
