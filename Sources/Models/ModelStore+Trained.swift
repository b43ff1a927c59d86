import Foundation
import O1CoderCore

/// Models trained by O1Coder live beside the downloaded ones: `trained/NAME/spec.json` (the base
/// GGUF plus the adapter, with lineage) and the adapter file next to it. A trained NAME resolves
/// like a registry name wherever `--model` is taken.
extension ModelStore {
    public func trainedDirectory(_ name: String) -> String { directory + "/trained/" + name }

    /// Whether `name` is a trained model of this store (a name, never a path).
    public func isTrained(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && FileManager.default.fileExists(atPath: trainedDirectory(name) + "/spec.json")
    }

    /// The spec of trained model `name`, with relative adapter paths made absolute; nil if none.
    public func trainedSpec(_ name: String) throws(ModelStoreError) -> ModelSpec? {
        guard isTrained(name) else { return nil }
        let dir = trainedDirectory(name)
        guard let data = FileManager.default.contents(atPath: dir + "/spec.json") else { return nil }
        guard var spec = try? JSONDecoder().decode(ModelSpec.self, from: data) else {
            throw ModelStoreError(.modelNotFound, "\(dir)/spec.json is unreadable; retrain '\(name)' (o1coder train … --out \(name) --restart).")
        }
        spec.adapters = spec.adapters.map { a in
            a.path.hasPrefix("/") ? a : LoRAAdapter(path: dir + "/" + a.path, scale: a.scale)
        }
        return spec
    }

    /// Registers `spec` as trained model `name` (adapter paths inside its directory may be relative).
    public func registerTrained(_ spec: ModelSpec) throws {
        let encoder = JSONCoding.encoder(.document)
        try OutputFile.write(Array(encoder.encode(spec)), to: trainedDirectory(spec.name) + "/spec.json")
    }

    /// Names of the trained models in this store, sorted.
    public func trainedNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/trained")) ?? []
        return names.filter(isTrained).sorted()
    }
}
