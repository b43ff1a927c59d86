public import ArgumentParser
import CodeSearch
import Datasets
import Foundation
import TestGeneration

/// Library errors in what the user asked for (a missing tests file, a run recorded without a
/// setting it needs) become usage errors: exit 64 with the usage, as when the CLI checked them.
public enum UsageErrors {
    public static func mapped<Result>(_ body: () async throws -> Result) async throws -> Result {
        do { return try await body() } catch { throw converted(error) }
    }

    public static func mapped<Result>(_ body: () throws -> Result) throws -> Result {
        do { return try body() } catch { throw converted(error) }
    }

    public static func converted(_ error: any Error) -> any Error {
        switch error {
        case let error as TestGenerationError where error.isUsageError: ValidationError(error.description)
        case let error as SearchRunError: ValidationError(error.description)
        case let error as DatasetSelectionError: ValidationError(error.description)
        default: error
        }
    }

    /// A path the user named that does not exist is a usage error (fix the command line), checked
    /// first thing in `run()` (parsing stays free of the file system, so parsing tests need no
    /// files); one that exists but cannot be read or parsed is a tool failure (1).
    public static func requireExisting(_ path: String, _ option: String) throws(ValidationError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("\(option) \(path): no such file or directory.")
        }
    }
}
