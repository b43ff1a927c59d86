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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Dependency-free values shared by every stage.
        .target(name: "O1CoderCore", swiftSettings: strictSettings),
        // The one way to start a process: ChildProcess (posix_spawn, nothing inherited) for sandbox
        // workers, TrustedProcess on it for helpers (pip, unzip, the training runner, test servers).
        .target(name: "ChildProcesses", dependencies: ["CSpawn"], swiftSettings: strictSettings),
        // Problems, tests and dataset loaders.
        .target(name: "Datasets", dependencies: ["O1CoderCore", "CZlib"], swiftSettings: strictSettings),
        // zlib's C API (Debian's zlib1g-dev), private to Datasets.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Sandboxed execution of untrusted Python (bubblewrap + namespaces + rlimits + seccomp).
        .target(
            name: "Execution",
            dependencies: ["O1CoderCore", "ChildProcesses", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Python")],
            swiftSettings: strictSettings),
        // posix_spawn helpers glibc hides behind _GNU_SOURCE, private to ChildProcesses.
        .target(name: "CSpawn"),
        // pass@k, evaluation of samples files, reference-solution checks.
        .target(
            name: "Evaluation",
            dependencies: ["O1CoderCore", "Datasets", "Execution"],
            swiftSettings: strictSettings),
        // Pure, seeded MCTS core (no model, no processes).
        .target(name: "Search", dependencies: ["O1CoderCore"], swiftSettings: strictSettings),
        // SQLite store of runs, problems, trees and executions (GRDB).
        .target(
            name: "RunStorage", dependencies: ["O1CoderCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        // The code-reasoning search domain: MCTS + reasoning steps + sandbox rewards, run into the store.
        .target(
            name: "CodeSearch",
            dependencies: [
                "Models", "O1CoderCore", "Datasets", "Evaluation", "Search", "Reasoning", "Execution", "Inference", "RunStorage",
                "TestGeneration", "Reports",
            ],
            swiftSettings: strictSettings),
        // Process data (SFT, PRM point-wise and pair-wise, DPO) from stored search trees.
        .target(
            name: "TrainingData", dependencies: ["O1CoderCore", "Datasets", "Reasoning", "Inference", "RunStorage"],
            swiftSettings: strictSettings),
        // Self-contained HTML reports (pure rendering).
        .target(name: "Reports", dependencies: ["O1CoderCore"], swiftSettings: strictSettings),
        .target(
            name: "Training", dependencies: ["Models", "O1CoderCore", "Datasets", "Inference", "ChildProcesses"],
            swiftSettings: strictSettings),
        // llama.cpp's C API (scripts/setup-llama.sh installs it; PKG_CONFIG_PATH points at its llama.pc).
        .systemLibrary(name: "CLlama", pkgConfig: "llama"),
        // The model registry and cache: resolves --model to a ModelSpec, downloads pinned GGUFs
        // from PyPI (pip, unzip) and reads trained models' specs.
        .target(name: "Models", dependencies: ["O1CoderCore", "ChildProcesses"], swiftSettings: strictSettings),
        // LanguageModel protocol; llama.cpp engine (private CLlama) and OpenAI-compatible HTTP backend.
        .target(
            name: "Inference",
            dependencies: ["O1CoderCore", "Models", "CLlama", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        // Test-case generator (TCG): model-proposed tests validated by a reference solution, quality
        // metrics (pass rate, discrimination, agreement) and TCG SFT/DPO training data.
        .target(
            name: "TestGeneration",
            dependencies: ["O1CoderCore", "Datasets", "Execution", "Evaluation", "Inference"],
            resources: [.copy("Python")],
            swiftSettings: strictSettings),
        // The sandbox as a service (`o1coder serve`: SandboxFusion's API, a batch endpoint) and
        // the client sandbox that runs on such a server (`--sandbox URL`).
        .target(
            name: "Service",
            dependencies: [
                "O1CoderCore", "Datasets", "Execution", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ServiceTests", dependencies: ["Service", "Datasets", "O1CoderTestSupport"], swiftSettings: strictSettings),
        // The option groups every command shares (flags → library values) and the CLI's
        // conventions (usage errors, stderr), apart from the commands, as SwiftPM's CoreCommands.
        .target(
            name: "CommandOptions",
            dependencies: [
                "O1CoderCore", "Models", "Datasets", "Execution", "Evaluation", "Inference", "CodeSearch", "RunStorage",
                "Training", "TestGeneration", "Service", "Sampling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "O1CoderCLI",
            dependencies: [
                "CommandOptions", "O1CoderCore", "Models", "Datasets", "Execution", "Evaluation", "Inference", "Reasoning", "Search",
                "CodeSearch", "RunStorage", "TrainingData", "Training", "SelfPlay", "Reports", "TestGeneration", "Sampling", "Service",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        // Test doubles and fixtures helpers (not a product).
        .target(
            name: "O1CoderTestSupport",
            dependencies: ["Models", "O1CoderCore", "Execution", "Inference", "ChildProcesses"],
            swiftSettings: strictSettings),
        .testTarget(name: "O1CoderCoreTests", dependencies: ["O1CoderCore"], swiftSettings: strictSettings),
        .testTarget(name: "ChildProcessesTests", dependencies: ["ChildProcesses"], swiftSettings: strictSettings),
        .testTarget(
            name: "O1CoderTestSupportTests", dependencies: ["Models", "O1CoderTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "DatasetsTests", dependencies: ["Datasets", "O1CoderTestSupport", "ChildProcesses"],
            resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(
            name: "ExecutionTests", dependencies: ["Execution", "O1CoderTestSupport", "ChildProcesses"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "EvaluationTests", dependencies: ["Evaluation", "O1CoderTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RunStorageTests", dependencies: ["RunStorage", "O1CoderCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CodeSearchTests", dependencies: ["Models", "CodeSearch", "O1CoderTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TrainingDataTests", dependencies: ["TrainingData", "Reasoning", "Inference", "O1CoderCore"], resources: [.copy("Golden")],
            swiftSettings: strictSettings),
        .target(
            name: "SelfPlay",
            dependencies: [
                "Models", "O1CoderCore", "Datasets", "Execution", "Inference", "Reasoning", "Search", "CodeSearch", "RunStorage", "TrainingData",
                "Training", "Sampling", "Evaluation", "Reports", "TestGeneration", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SelfPlayTests", dependencies: ["Models", "SelfPlay", "Search", "TestGeneration", "Execution", "O1CoderTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "TrainingTests", dependencies: ["Models", "Training", "Inference", "Service", "Execution", "O1CoderTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "O1CoderTestSupport", "ChildProcesses"], swiftSettings: strictSettings),
        .testTarget(name: "SearchTests", dependencies: ["Search"], swiftSettings: strictSettings),
        .testTarget(
            name: "InferenceTests", dependencies: ["Inference", "Models", "O1CoderTestSupport", "ChildProcesses"],
            swiftSettings: strictSettings),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "O1CoderCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "TestGenerationTests", dependencies: ["TestGeneration", "O1CoderTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "O1CoderCLITests",
            dependencies: [
                "Models", "O1CoderCLI", "CommandOptions", "Sampling", "Reasoning", "Inference", "Search", "RunStorage", "O1CoderTestSupport", "ChildProcesses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["HelpSnapshots"],  // read from the source tree by HelpSnapshotTests
            swiftSettings: strictSettings),
        // Pseudocode reasoning: step format, prompts, parsing, step-wise generation.
        .target(
            name: "Reasoning", dependencies: ["O1CoderCore", "Inference"],
            resources: [.copy("Resources")], swiftSettings: strictSettings),
        .testTarget(
            name: "ReasoningTests", dependencies: ["Reasoning", "O1CoderTestSupport", "ChildProcesses"],
            resources: [.copy("Golden"), .copy("Corpus")], swiftSettings: strictSettings),
        // Sampling baselines and the paper's metrics: pass@k and ASPR runs (resumable), Table 1.
        .target(
            name: "Sampling",
            dependencies: ["Models", "O1CoderCore", "Datasets", "Execution", "Evaluation", "Inference", "Reasoning"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "SamplingTests",
            dependencies: ["Models", "Sampling", "Datasets", "Execution", "Inference", "Reasoning", "Evaluation", "O1CoderTestSupport"],
            exclude: ["Golden"],  // read through #filePath
            swiftSettings: strictSettings),
    ]
)
