public import ArgumentParser
import Datasets
import Foundation
import O1CoderCore
public import TestGeneration

extension TestGenerationMode: ExpressibleByArgument {}

/// `o1coder tcg`: the test-case generator (O1-CODER §2): generate tests with a model, measure
/// their quality, and build its training data.
struct TCGCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcg",
        abstract: "Test-case generator: generate tests, measure their quality, build TCG training data.",
        discussion: """
            Examples:
              o1coder tcg generate --dataset mbpp --split test --limit 30 --model qwen2.5-coder-0.5b-instruct \\
                -n 5 --out tests.jsonl
              o1coder tcg eval --dataset mbpp --split test --limit 30 --tests tests.jsonl
              o1coder tcg data --kind dpo --dataset mbpp --split train --out tcg-dpo.jsonl
              o1coder search --dataset mbpp --split test --limit 5 --tests generated --generated-tests tests.jsonl
            See docs/tcg.md for the test-block format, the modes and the metrics.
            """,
        subcommands: [Generate.self, Evaluate.self, TrainingData.self])
}

/// Which TCG training records `tcg data` writes.
enum TCGDataKind: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// TRL prompt–completion records (problem + reference → ground-truth test blocks).
    case sft
    /// TRL preference records (chosen = consistent tests, rejected = inconsistent ones).
    case dpo
}

enum TCGFormat {
    /// `0.873` → `87.3%`, nil → `n/a`.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.1f%%", value * 100)
    }

    /// A seed for `key` derived from `seed`, independent of the order problems are processed in.
    static func derivedSeed(_ seed: UInt64, key: String) -> UInt64 {
        var rng = SplitMix64.derived(seed: seed, key: key)
        return rng.next()
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start) / .seconds(1)
    }
}

extension DatasetSelectionOptions {
    /// Like `loadFile()`, but with `verifiedOnly` TACO rows whose stored outputs were not verified
    /// against a solution (`verification.result != "pass"`, dataset README) are dropped before
    /// `--limit` applies, so `--limit 10` gives ten verified rows.
    func loadFile(verifiedOnly: Bool) throws -> LoadResult {
        guard verifiedOnly else { return try loadFile() }
        var unlimited = self
        unlimited.limit = nil
        var result = try unlimited.loadFile()
        let before = result.problems.count
        result.problems = result.problems.filter { $0.dataset != .taco || $0.metadata["verification"] == "pass" }
        if let limit { result.problems = Array(result.problems.prefix(limit)) }
        StandardError.write("verified rows only: \(before) → \(result.problems.count) problems")
        return result
    }
}
