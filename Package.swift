// swift-tools-version: 6.2
// O1Coder: self-play code reasoning (O1-CODER, arXiv 2412.00154) on llama.cpp, in Swift.
// Targets follow the pipeline: O1CoderCore (values) → Datasets → Execution (sandbox) →
// Evaluation (pass@k, eval) → Inference (llama.cpp, HTTP) → … → O1CoderCLI (wires concrete types).
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "O1Coder",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "o1coder", targets: ["O1CoderCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Dependency-free values shared by every stage.
        .target(name: "O1CoderCore", swiftSettings: strictSettings),
        // Problems, tests and dataset loaders.
        .target(name: "Datasets", dependencies: ["O1CoderCore"], swiftSettings: strictSettings),
        // Sandboxed execution of untrusted Python (bubblewrap + namespaces + rlimits + seccomp).
        .target(
            name: "Execution",
            dependencies: ["O1CoderCore", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Python")],
            swiftSettings: strictSettings),
        // pass@k, evaluation of samples files, reference-solution checks.
        .target(
            name: "Evaluation",
            dependencies: ["O1CoderCore", "Datasets", "Execution"],
            swiftSettings: strictSettings),
        // llama.cpp's C API (scripts/setup-llama.sh installs it; PKG_CONFIG_PATH points at its llama.pc).
        .systemLibrary(name: "CLlama", pkgConfig: "llama"),
        // LanguageModel protocol; llama.cpp engine (private CLlama) and OpenAI-compatible HTTP backend.
        .target(
            name: "Inference",
            dependencies: ["O1CoderCore", "CLlama", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "O1CoderCLI",
            dependencies: [
                "O1CoderCore", "Datasets", "Execution", "Evaluation", "Inference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        // Test doubles and fixtures helpers (not a product).
        .target(
            name: "O1CoderTestSupport",
            dependencies: ["O1CoderCore", "Execution", "Inference"],
            swiftSettings: strictSettings),
        .testTarget(name: "O1CoderCoreTests", dependencies: ["O1CoderCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "DatasetsTests", dependencies: ["Datasets", "O1CoderTestSupport"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(
            name: "ExecutionTests", dependencies: ["Execution", "O1CoderTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "EvaluationTests", dependencies: ["Evaluation", "O1CoderTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "InferenceTests", dependencies: ["Inference", "O1CoderTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "O1CoderCLITests", dependencies: ["O1CoderCLI"],
            swiftSettings: strictSettings),
    ]
)
