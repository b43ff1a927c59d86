import ArgumentParser
import CommandOptions
import Foundation
import Inference

/// `o1coder generate`: sample completions of one prompt, streaming the first to stdout.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate text with a local model; streams the completion to stdout.",
        discussion: """
            Examples:
              o1coder generate "Write a Python function is_prime(n)."
              o1coder generate --model smollm2-135m-instruct -n 4 --temperature 0.8 --seed 1 "Say hi"
              o1coder generate --raw --max-tokens 64 "def fib(n):"
            Token counts and speed go to stderr.
            """)

    @OptionGroup var modelOptions: ModelOptions
    @Option(name: .short, help: ArgumentHelp("Number of samples (sample i uses seed + i).", valueName: "k")) var n: Int = 1
    @OptionGroup var sampling: SamplingOptions<CompletionSampling>
    @Option(help: "Min-p cut-off; 0 disables.") var minP: Double = 0
    @Option(help: ArgumentHelp("Stop before this string (repeatable).", valueName: "text")) var stop: [String] = []
    @Option(help: "System message for the chat template.") var system: String?
    @Flag(help: "Use the prompt as raw text, without the chat template.") var raw = false
    @Argument(help: "The prompt (the user message unless --raw).") var prompt: String

    func validate() throws {
        guard n >= 1 else { throw ValidationError("-n must be at least 1.") }
        guard (0...1).contains(minP) else { throw ValidationError("--min-p must be in [0, 1].") }
    }

    var request: GenerationRequest {
        let input: PromptInput = raw ? .text(prompt) : .chat((system.map { [ChatMessage.system($0)] } ?? []) + [.user(prompt)])
        let parameters = sampling.parameters(over: SamplingParameters(minP: minP > 0 ? minP : nil, stop: stop))
        return GenerationRequest(prompt: input, parameters: parameters, n: n, wantsLogProbs: true)
    }

    func run() async throws {
        let model = try await modelOptions.makeLanguageModel(parallel: n)
        var result: GenerationResult?
        for try await event in model.stream(request) {
            switch event {
            case .text(let t):
                FileHandle.standardOutput.write(Data(t.utf8))
            case .finished(let r):
                result = r
            }
        }
        guard let result else { return }
        FileHandle.standardOutput.write(Data(("\n" + result.otherSamples(seed: sampling.seed)).utf8))
        StandardError.write("[generate] " + result.usageLine)
    }
}
