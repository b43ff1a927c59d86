public import ArgumentParser
import Datasets
import Foundation
import O1CoderCore
public import TestGeneration

extension TestGenerationMode: ExpressibleByArgument {}
extension TCGDataKind: ExpressibleByArgument {}

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
