import Inference
import Models
import Sampling
import Testing

@Suite struct ArtifactIdentityTests {
    @Test("A model's identity names its adapters and keeps a known sha256 without hashing")
    func model() throws {
        let spec = ModelSpec(name: "m", basePath: "/nonexistent/m.gguf", sha256: "abc", adapters: [LoRAAdapter(path: "/a.gguf", scale: 1)])
        let identity = try ArtifactIdentity(model: spec)
        #expect(identity == ArtifactIdentity(name: "m+/a.gguf", path: "/nonexistent/m.gguf", sha256: "abc"))
        #expect(throws: (any Error).self) { try ArtifactIdentity(model: ModelSpec(name: "m", basePath: "/nonexistent/m.gguf")) }
    }
}
