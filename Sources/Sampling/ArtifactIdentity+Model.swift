import O1CoderCore
import Datasets
import Inference
public import Models

extension ArtifactIdentity {
    /// A llama.cpp model as a run records it: its name (with its adapters' paths), the base file
    /// and that file's sha256, hashed here when the registry does not know it (so `--resume`
    /// refuses a different file under the same name).
    public init(model spec: ModelSpec) throws {
        let sha = try spec.sha256 ?? SHA256.hex(ofFile: spec.basePath)
        let name = spec.adapters.isEmpty ? spec.name : spec.name + "+" + spec.adapters.map(\.path).joined(separator: "+")
        self.init(name: name, path: spec.basePath, sha256: sha)
    }
}
