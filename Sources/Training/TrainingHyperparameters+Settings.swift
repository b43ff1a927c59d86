/// Hyper-parameters by the names of their flags: what a `--config` file may set for each
/// method, and the precedence of the three sources (built-in defaults, then the file, then the
/// flags given on the command line). The resolved values are what a run records.
extension TrainingHyperparameters {
    public typealias Setting = TrainingConfigFile.Value

    /// The keys common to every method, with their types.
    static let commonKeys: [String: TrainingConfigFile.ValueType] = [
        "steps": .integer, "learning-rate": .number, "batch-size": .integer, "gradient-accumulation": .integer,
        "max-length": .integer, "warmup-steps": .integer, "save-steps": .integer, "lora-rank": .integer,
        "lora-alpha": .integer, "lora-dropout": .number, "seed": .natural, "threads": .integer,
    ]

    /// The keys `method` takes in a config file (its flags' names), with their types.
    public static func settingKeys(for method: TrainingMethod) -> [String: TrainingConfigFile.ValueType] {
        let specific: [String: TrainingConfigFile.ValueType] = switch method {
        case .sft: [:]
        case .dpo: ["beta": .number]
        case .prm:
            [
                "objective": .choice(PRMObjective.allCases.map(\.rawValue)), "labels": .choice(PRMTargets.allCases.map(\.rawValue)),
                "eval-fraction": .number, "pair-selection": .choice(PRMPairSelection.allCases.map(\.rawValue)),
                "pair-margin": .number,
            ]
        case .grpo, .rloo: ["generations": .integer, "max-completion-length": .integer, "temperature": .number]
        }
        return commonKeys.merging(specific) { a, _ in a }
    }

    /// The built-in defaults of `method`: the type's, with GRPO's group settings and the PRM's
    /// objective spelled out so that the record names them.
    public static func defaults(for method: TrainingMethod) -> TrainingHyperparameters {
        var h = TrainingHyperparameters()
        switch method {
        case .grpo, .rloo:
            h.generations = 2
            h.maxCompletionLength = 128
            h.temperature = 1.0
        case .prm:
            h.prmObjective = .pointwise
        case .sft, .dpo:
            break
        }
        return h
    }

    /// Defaults, overridden by the file's settings, overridden by `flags` (the ones given on the
    /// command line, by flag name). The values must be of ``settingKeys(for:)``'s keys and types:
    /// a file checked against them and flags parsed by their options are.
    public static func resolved(
        for method: TrainingMethod, file: TrainingConfigFile?, flags: [String: Setting]
    ) -> TrainingHyperparameters {
        var h = defaults(for: method)
        for (key, setting) in file?.settings ?? [:] { h.set(key, setting.value) }
        for (key, value) in flags { h.set(key, value) }
        if h.prmObjective == .pairwise {
            h.pairSelection = h.pairSelection ?? .all
            h.pairMargin = h.pairMargin ?? 0
        }
        return h
    }

    /// Sets the hyper-parameter that flag `key` names.
    mutating func set(_ key: String, _ value: Setting) {
        switch (key, value) {
        case ("steps", .integer(let n)): maxSteps = n
        case ("learning-rate", .number(let x)): learningRate = x
        case ("batch-size", .integer(let n)): batchSize = n
        case ("gradient-accumulation", .integer(let n)): gradientAccumulationSteps = n
        case ("max-length", .integer(let n)): maxLength = n
        case ("warmup-steps", .integer(let n)): warmupSteps = n
        case ("save-steps", .integer(let n)): saveSteps = n
        case ("lora-rank", .integer(let n)): loraRank = n
        case ("lora-alpha", .integer(let n)): loraAlpha = n
        case ("lora-dropout", .number(let x)): loraDropout = x
        // Bit for bit: a flag's UInt64 seed above Int.max travels as a negative Int.
        case ("seed", .integer(let n)): seed = UInt64(truncatingIfNeeded: n)
        case ("threads", .integer(let n)): threads = n
        case ("beta", .number(let x)): beta = x
        case ("objective", .string(let s)): prmObjective = PRMObjective(rawValue: s)
        case ("labels", .string(let s)): prmTargets = PRMTargets(rawValue: s) ?? prmTargets
        case ("eval-fraction", .number(let x)): evalFraction = x
        case ("pair-selection", .string(let s)): pairSelection = PRMPairSelection(rawValue: s)
        case ("pair-margin", .number(let x)): pairMargin = x
        case ("generations", .integer(let n)): generations = n
        case ("max-completion-length", .integer(let n)): maxCompletionLength = n
        case ("temperature", .number(let x)): temperature = x
        default: preconditionFailure("no hyper-parameter takes \(key) = \(value)")
        }
    }
}

extension TrainingHyperparameters {
    /// Defaults for `method`, then the `--config` file at `configPath`, then the flags given; an
    /// unreadable or bad file, or a value out of range, is a `.badConfiguration` error that says
    /// where the value came from.
    public static func resolve(
        for method: TrainingMethod, configPath: String?, flags: [String: Setting]
    ) throws(TrainingError) -> TrainingHyperparameters {
        let file = try configPath.map { path throws(TrainingError) in try TrainingConfigFile.load(path, keys: settingKeys(for: method)) }
        let h = resolved(for: method, file: file, flags: flags)
        if let problem = h.problem {
            throw TrainingError(.badConfiguration, problem + (configPath.map { " (set by a flag or in \($0))" } ?? "") + ".")
        }
        return h
    }
}
