import ArgumentParser
import Inference
import Models
import Testing
import CommandOptions
@testable import O1CoderCLI

@Suite struct GenerateCommandTests {
    @Test("generate parses sampling flags into a request")
    func parsesRequest() throws {
        let command = try GenerateCommand.parse(["--model", "smollm2-135m-instruct", "-n", "3", "--temperature", "0", "--seed", "5",
                                                 "--max-tokens", "20", "--stop", "```", "--lora", "/a.gguf:0.5", "hello"])

        let r = command.request
        #expect(r.n == 3)
        #expect(r.parameters.temperature == 0)
        #expect(r.parameters.seed == 5)
        #expect(r.parameters.maxTokens == 20)
        #expect(r.parameters.stop == ["```"])
        #expect(r.prompt == .chat([.user("hello")]))
        #expect(command.modelOptions.adapters.map(LoRAAdapter.init(argument:)) == [LoRAAdapter(path: "/a.gguf", scale: 0.5)])
        #expect(LoRAAdapter(argument: "/b.gguf") == LoRAAdapter(path: "/b.gguf", scale: 1))
        #expect(command.modelOptions.backend == .llama)
    }

    @Test("Invalid flags are usage errors")
    func rejectsBadFlags() {
        #expect(throws: (any Error).self) { try GenerateCommand.parse(["-n", "0", "hi"]) }
        #expect(throws: (any Error).self) { try GenerateCommand.parse(["--backend", "nope", "hi"]) }
        #expect(throws: (any Error).self) { try ModelsCommand.Pull.parse(["no-such-model"]) }
    }
}
