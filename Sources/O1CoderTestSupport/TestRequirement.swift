import Foundation
public import Testing

/// Something a test needs from the machine: a model file, a program, a data set.
///
/// Use it as a trait, `@Test(.requires(.testModel, .llamaServer))`. Where a requirement is missing
/// the test is skipped with the reason shown, except under CI (`CI=true`) for what `make test`
/// installs: there the test fails, because a CI run that quietly skips its model, server or
/// sandbox tests proves nothing. What `make test` does not install (`../shared/datasets`) is
/// always a visible skip.
public struct TestRequirement: Sendable, CustomStringConvertible {
    /// Who provides a requirement.
    public enum Provider: Sendable, Hashable {
        /// `make test` installs it, with this step (a missing one fails the test under CI).
        case makeTest(String)
        /// Nothing in this repository installs it; how to provide it.
        case elsewhere(String)
    }

    /// What is needed, e.g. "the SmolLM2 test model".
    public var name: String
    /// Where it was looked for.
    public var location: String
    public var provider: Provider
    let probe: @Sendable () async -> Bool

    public init(name: String, location: String, provider: Provider, probe: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.location = location
        self.provider = provider
        self.probe = probe
    }

    public var isInstalledByMakeTest: Bool {
        if case .makeTest = provider { return true }
        return false
    }

    public var description: String {
        switch provider {
        case .makeTest(let step): "\(name) (\(location); make test installs it: \(step))"
        case .elsewhere(let how): "\(name) (\(location); not installed by make test: \(how))"
        }
    }

    public func isMet() async -> Bool { await probe() }

    /// A file that must exist.
    public static func file(_ name: String, at path: String, provider: Provider) -> TestRequirement {
        TestRequirement(name: name, location: path, provider: provider) { FileManager.default.fileExists(atPath: path) }
    }

    /// An executable that must exist.
    public static func executable(_ name: String, at path: String, provider: Provider) -> TestRequirement {
        TestRequirement(name: name, location: path, provider: provider) {
            FileManager.default.isExecutableFile(atPath: path)
        }
    }
}

extension TestRequirement {
    /// The registry's test model (SmolLM2-135M), where scripts/setup-models.sh writes it.
    public static var testModel: TestRequirement {
        .file("the SmolLM2 test model", at: TestEnvironment.testModelPath,
              provider: .makeTest("scripts/setup-models.sh smollm2-135m-instruct"))
    }

    /// llama-server from the llama.cpp build in the cache.
    public static var llamaServer: TestRequirement {
        let candidates = TestEnvironment.llamaServerCandidates
        return TestRequirement(
            name: "llama-server", location: TestEnvironment.llamaServerPath ?? candidates.prefix(3).joined(separator: ", "),
            provider: .makeTest("scripts/setup-llama.sh")
        ) { TestEnvironment.llamaServerPath != nil }
    }

    /// The pinned training environment (torch, transformers, trl, peft) that `o1coder train` runs.
    public static var trainingEnvironment: TestRequirement {
        .file("the training environment", at: TestEnvironment.cacheDirectory + "/train/environment.json",
              provider: .makeTest("scripts/setup-train.sh"))
    }

    /// HumanEval's data file.
    public static var humanEval: TestRequirement {
        .file("HumanEval.jsonl.gz", at: TestEnvironment.humanEvalPath, provider: .makeTest("scripts/setup-humaneval.sh"))
    }

    /// Debian's Python, which the sandbox runs.
    public static var python3: TestRequirement {
        .executable("python3", at: TestEnvironment.python3, provider: .makeTest("scripts/setup-system.sh: python3-minimal"))
    }

    /// What full sandbox isolation needs: bubblewrap, python3-seccomp and user namespaces.
    public static var bubblewrap: TestRequirement {
        TestRequirement(
            name: "bubblewrap, python3-seccomp and user namespaces",
            location: "/usr/bin/bwrap, /usr/lib/python3/dist-packages/seccomp*, /proc/sys/user/max_user_namespaces",
            provider: .makeTest("scripts/setup-system.sh: bubblewrap python3-seccomp")
        ) {
            let files = FileManager.default
            guard files.isExecutableFile(atPath: "/usr/bin/bwrap"), files.isExecutableFile(atPath: TestEnvironment.python3),
                let text = try? String(contentsOfFile: "/proc/sys/user/max_user_namespaces", encoding: .utf8),
                let count = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), count > 0,
                let packages = try? files.contentsOfDirectory(atPath: "/usr/lib/python3/dist-packages")
            else { return false }
            return packages.contains { $0.hasPrefix("seccomp") }
        }
    }

    /// Debian's chromium, for the report test (set-up leaves it out with O1CODER_SKIP_BROWSER=1).
    public static var chromium: TestRequirement {
        let provider: Provider = TestEnvironment.variable("O1CODER_SKIP_BROWSER") == "1"
            ? .elsewhere("set-up skipped it (O1CODER_SKIP_BROWSER=1); apt-get install chromium")
            : .makeTest("scripts/setup-system.sh: chromium")
        return TestRequirement(
            name: "chromium", location: TestEnvironment.chromiumCandidates.joined(separator: " or "), provider: provider
        ) { TestEnvironment.chromiumPath != nil }
    }

    /// The debug `o1coder` binary that make test builds (`swift build --build-tests`).
    public static var o1coderBinary: TestRequirement {
        .executable("the o1coder binary", at: TestEnvironment.o1coderBinary, provider: .makeTest("swift build --build-tests"))
    }

    /// A file of `../shared/datasets`, which nothing here installs.
    public static func sharedDataset(_ relativePath: String) -> TestRequirement {
        .file(relativePath, at: TestEnvironment.sharedDataset(relativePath),
              provider: .elsewhere("set O1CODER_SHARED_DATASETS or provide ../shared/datasets"))
    }
}

/// A requirement that `make test` installs is missing under CI.
public struct MissingTestRequirement: Error, CustomStringConvertible {
    public var requirement: TestRequirement
    public var description: String {
        "CI=true and \(requirement) is missing: a CI run must not skip this test; run `make test`, which installs it."
    }
}

extension TestRequirement {
    /// Whether tests needing `requirements` run: true when all are met; false (skip, printing
    /// what is missing) when some are not; throws ``MissingTestRequirement`` for a missing one
    /// that `make test` installs when `isCI`.
    public static func check(_ requirements: [TestRequirement], isCI: Bool = TestEnvironment.isCI) async throws -> Bool {
        var missing: [TestRequirement] = []
        for requirement in requirements where !(await requirement.isMet()) {
            if isCI, requirement.isInstalledByMakeTest { throw MissingTestRequirement(requirement: requirement) }
            missing.append(requirement)
        }
        guard missing.isEmpty else {
            print("[skip] missing \(missing.map(\.description).joined(separator: "; "))")
            return false
        }
        return true
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where every requirement is met; see ``TestRequirement`` for what
    /// happens under CI.
    public static func requires(_ requirements: TestRequirement..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        let comment = "needs " + requirements.map(\.description).joined(separator: "; ")
        return .enabled(Comment(rawValue: comment), sourceLocation: sourceLocation) {
            try await TestRequirement.check(requirements)
        }
    }
}
