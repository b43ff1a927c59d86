import O1CoderCore
internal import Foundation

/// The Python programs this module runs inside the sandbox (never in our process). They are
/// resources in `Sources/TestGeneration/Python/`.
enum PythonScripts {
    /// Runs an entry point on JSON argument lists and prints `repr` of each result.
    static func callDriver() throws -> String { try load("call_driver") }
    /// Prints operator and constant mutants of a program.
    static func mutate() throws -> String { try load("mutate") }

    /// Marker the call driver puts before each of its result lines.
    static let driverMarker = "@@O1TCG@@"

    private static func load(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "py", subdirectory: "Python")
            ?? Bundle.module.url(forResource: name, withExtension: "py")
        else { throw TestGenerationError(.missingResource, "Python/\(name).py") }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TestGenerationError(.missingResource, "Python/\(name).py")
        }
    }

    /// JSON text of a string-keyed object of JSON-encodable values, for a script's stdin.
    static func jsonPayload(_ fields: [String: JSONPayloadValue]) -> String {
        let body = fields.keys.sorted().map { key -> String in
            Quoting.json(key) + ": " + (fields[key] ?? .string("")).jsonText
        }
        return "{" + body.joined(separator: ", ") + "}"
    }
}

/// The few value kinds script payloads need.
enum JSONPayloadValue {
    case string(String)
    case number(Double)
    case integer(Int)
    case strings([String])

    var jsonText: String {
        switch self {
        case .string(let s): Quoting.json(s)
        case .number(let d): d.isFinite ? "\(d)" : "0"
        case .integer(let i): "\(i)"
        case .strings(let items): "[" + items.map(Quoting.json).joined(separator: ", ") + "]"
        }
    }
}
