internal import Foundation

/// The few-shot examples available to prompts, chosen by task shape.
public struct FewShotLibrary: Sendable, Hashable {
    public var examples: [FewShotExample]

    public init(examples: [FewShotExample]) {
        self.examples = examples
    }

    /// Examples suited to `shape`: function examples for function tasks (an example of the same
    /// shape last, closest to the question), program examples for stdin/stdout tasks; at most
    /// `limit`, in file order otherwise.
    public func examples(for shape: TaskShape, limit: Int) -> [FewShotExample] {
        let suitable = examples.filter { $0.shape.isFunction == shape.isFunction }
        let others = suitable.filter { $0.shape != shape }
        let same = suitable.filter { $0.shape == shape }
        return Array((others + same).suffix(max(0, limit)))
    }

    /// Decodes the JSON file format (`{"schemaVersion":1,"examples":[…]}`).
    public static func decode(json: String) throws(ReasoningError) -> FewShotLibrary {
        let file: FewShotFile
        do {
            file = try JSONDecoder().decode(FewShotFile.self, from: Data(json.utf8))
        } catch {
            throw ReasoningError(.corruptResource(name: "few_shot_examples.json", reason: "\(error)"))
        }
        guard file.schemaVersion == 1 else {
            throw ReasoningError(.corruptResource(
                name: "few_shot_examples.json", reason: "unsupported schemaVersion \(file.schemaVersion)"))
        }
        return FewShotLibrary(examples: file.examples)
    }

    /// The examples of a file in the bundled format; `nil` gives the bundled ones.
    public static func load(path: String?) throws(ReasoningError) -> FewShotLibrary {
        guard let path else { return try bundled() }
        guard let json = try? String(contentsOfFile: path, encoding: .utf8) else { throw ReasoningError(.missingResource(name: path)) }
        return try decode(json: json)
    }

    /// The examples shipped with the `Reasoning` module (`Resources/few_shot_examples.json`).
    public static func bundled() throws(ReasoningError) -> FewShotLibrary {
        guard
            let url = Bundle.module.url(
                forResource: "few_shot_examples", withExtension: "json", subdirectory: "Resources")
        else { throw ReasoningError(.missingResource(name: "Resources/few_shot_examples.json")) }
        let json: String
        do {
            json = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReasoningError(.missingResource(name: url.path))
        }
        return try decode(json: json)
    }
}
