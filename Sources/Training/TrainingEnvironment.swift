public import Foundation
import Datasets
import O1CoderCore
public import Models

/// Where the training tools are: the pinned Python environment (`make setup-train` writes
/// `$O1CODER_CACHE/train/environment.json`), the runner script in the repository, and
/// llama.cpp's LoRA converter. `discover` fails with what to run when something is missing.
public struct TrainingEnvironment: Codable, Sendable, Hashable {
    public var python: String
    public var runner: String
    public var converter: String
    /// sha256 of training/requirements.lock the environment was made from.
    public var lockSHA256: String
    public var torch: String
    /// Where converted base models, runs and their logs live (`$O1CODER_CACHE/train`).
    public var directory: String

    public init(python: String, runner: String, converter: String, lockSHA256: String, torch: String, directory: String) {
        self.python = python
        self.runner = runner
        self.converter = converter
        self.lockSHA256 = lockSHA256
        self.torch = torch
        self.directory = directory
    }

    private struct Installed: Codable {
        var python: String
        var converter: String
        var lockSHA256: String
        var torch: String
    }

    /// - Parameters:
    ///   - cache: `$O1CODER_CACHE`.
    ///   - repository: the checkout holding training/runner.py (`O1CODER_ROOT`, else found above
    ///     the executable or the working directory).
    public static func discover(cache: String, repository: String?) throws(TrainingError) -> TrainingEnvironment {
        let file = cache + "/train/environment.json"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw TrainingError(.environment, "The training environment is not installed (\(file) is missing). Run `make setup-train`.")
        }
        guard let installed = try? JSONDecoder().decode(Installed.self, from: data) else {
            throw TrainingError(.environment, "\(file) is unreadable. Run `make setup-train` again.")
        }
        guard FileManager.default.isExecutableFile(atPath: installed.python) else {
            throw TrainingError(.environment, "The training Python \(installed.python) is missing. Run `make setup-train`.")
        }
        guard let root = repository, FileManager.default.fileExists(atPath: root + "/training/runner.py") else {
            throw TrainingError(
                .environment, "training/runner.py not found. Run o1coder from the O1Coder checkout, or set O1CODER_ROOT to it.")
        }
        let lock = root + "/training/requirements.lock"
        if let current = try? SHA256.hex(ofFile: lock), current != installed.lockSHA256 {
            throw TrainingError(.environment, "\(lock) changed since the training environment was made. Run `make setup-train`.")
        }
        return TrainingEnvironment(
            python: installed.python, runner: root + "/training/runner.py", converter: installed.converter,
            lockSHA256: installed.lockSHA256, torch: installed.torch, directory: cache + "/train")
    }

    /// The checkout: `O1CODER_ROOT`, else the first directory above the executable or the working
    /// directory that holds training/runner.py.
    public static func repository(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let root = environment["O1CODER_ROOT"], !root.isEmpty { return root }
        let starts = [CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }, FileManager.default.currentDirectoryPath]
        for start in starts.compactMap({ $0 }) {
            var url = URL(fileURLWithPath: start)
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.path + "/training/runner.py") { return url.path }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }
}

extension TrainingEnvironment {
    /// The training environment of the cache that holds `store`, for this checkout.
    public static func beside(_ store: ModelStore) throws(TrainingError) -> TrainingEnvironment {
        try discover(cache: (store.directory as NSString).deletingLastPathComponent, repository: repository())
    }
}
