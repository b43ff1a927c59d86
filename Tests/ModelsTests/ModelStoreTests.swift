import O1CoderCore
import Foundation
import Models
import Testing

@Suite struct ModelStoreTests {
    @Test("The model store resolves names and paths and explains what is missing")
    func storeResolution() throws {
        let store = ModelStore(directory: NSTemporaryDirectory() + "o1coder-empty-store-\(getpid())")

        #expect { try store.resolve("no-such-model") } throws: { ($0 as? ModelStoreError)?.code == .unknownModel }
        #expect { try store.resolve("smollm2-135m-instruct") } throws: {
            let e = $0 as? ModelStoreError
            return e?.code == .modelNotFound && e?.description.contains("models pull smollm2-135m-instruct") == true
        }
        #expect { try store.resolve("/tmp/none.gguf") } throws: { ($0 as? ModelStoreError)?.code == .modelNotFound }
        #expect(store.path(for: try #require(ModelRegistry.descriptor(for: "smollm2-135m-instruct"))).hasSuffix("/smollm2-135m-instruct-q4_1.gguf"))
    }
}
