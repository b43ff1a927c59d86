public import O1CoderCore

/// A registry name such as `qwen2.5-coder-0.5b-instruct`.
public struct ModelID: Identifier {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A LoRA adapter applied on top of a base GGUF. Corresponds to `llama_adapter_lora_init` plus
/// `llama_set_adapters_lora` with `scale`.
public struct LoRAAdapter: Codable, Sendable, Hashable {
    public var path: String
    public var scale: Float
    public init(path: String, scale: Float = 1) {
        self.path = path
        self.scale = scale
    }

    /// `PATH` or `PATH:SCALE`, as `--lora` takes it.
    public init(argument: String) {
        if let colon = argument.lastIndex(of: ":"), let scale = Float(argument[argument.index(after: colon)...]) {
            self.init(path: String(argument[..<colon]), scale: scale)
        } else {
            self.init(path: argument)
        }
    }
}

/// Where a model came from, so every run can name its weights' ancestry.
public struct ModelLineage: Codable, Sendable, Hashable {
    public enum Origin: Codable, Sendable, Hashable {
        /// Published weights, downloaded and pinned by sha256.
        case published(publisher: String)
        /// Adapters trained by O1Coder on top of `parent` (e.g. SFT on search traces).
        case trained(method: String, dataset: String)
        /// A file given by path whose origin is unknown.
        case localFile
    }
    /// The model this one was derived from (nil for a published base model).
    public var parent: ModelID?
    public var origin: Origin
    public init(parent: ModelID? = nil, origin: Origin) {
        self.parent = parent
        self.origin = origin
    }
}

/// What the engine loads: a base GGUF file, zero or more LoRA adapters, and the lineage.
public struct ModelSpec: Codable, Sendable, Hashable {
    public var name: String
    public var basePath: String
    /// sha256 of the base file when known (registry models are verified when pulled).
    public var sha256: String?
    public var adapters: [LoRAAdapter]
    public var lineage: ModelLineage

    public init(name: String, basePath: String, sha256: String? = nil, adapters: [LoRAAdapter] = [],
                lineage: ModelLineage = ModelLineage(origin: .localFile)) {
        self.name = name
        self.basePath = basePath
        self.sha256 = sha256
        self.adapters = adapters
        self.lineage = lineage
    }

    /// A spec for a GGUF file given by path; the name is the file name without `.gguf`.
    public static func file(_ path: String) -> ModelSpec {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let name = base.hasSuffix(".gguf") ? String(base.dropLast(5)) : base
        return ModelSpec(name: name, basePath: path)
    }
}
