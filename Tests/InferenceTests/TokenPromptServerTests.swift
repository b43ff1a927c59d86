import Foundation
import O1CoderTestSupport
import Testing
@testable import Inference

/// ``OpenAIPromptEncoding/tokenIDs`` against a real llama-server running SmolLM2-135M.
@Suite(
    "Token-id prompts against a real llama-server",
    .serialized, .timeLimit(.minutes(10)),
    .requires(.llamaServer, .testModel))
struct TokenPromptServerTests {
    static let head: [ChatMessage] = [.system("You are terse."), .user("List three colors, one per line.")]

    struct DetokenizeBody: Encodable { var tokens: [Int32] }
    struct DetokenizeResponse: Decodable { var content: String }

    func model(_ server: LlamaServerProcess, _ encoding: OpenAIPromptEncoding) throws -> OpenAIModel {
        try OpenAIModel(configuration: OpenAIConfiguration(
            baseURL: server.baseURL, model: "smollm2", maxConcurrentRequests: 1, timeout: .seconds(60), maxRetries: 1,
            promptEncoding: encoding))
    }

    func greedy(_ messages: [ChatMessage], maxTokens: Int = 16) -> GenerationRequest {
        var parameters = SamplingParameters.greedy
        parameters.maxTokens = maxTokens
        return GenerationRequest(prompt: .chat(messages), parameters: parameters, n: 1, wantsLogProbs: true)
    }

    @Test("token ids are the prompt the server builds itself: same tokens, same greedy text, with and without a continued answer")
    func sameAsMessages() async throws {
        try await LlamaServerProcess.withLlamaServer(extraArguments: []) { server in
            let messages = try model(server, .messages)
            let ids = try model(server, .tokenIDs)
            for prompt in [Self.head, Self.head + [.assistant("1. Red\n2.")]] {
                let a = try await messages.generate(greedy(prompt))
                let b = try await ids.generate(greedy(prompt))
                #expect(b.completions.map(\.text) == a.completions.map(\.text))
                #expect(
                    b.usage.promptTokensEvaluated + b.usage.promptTokensReused
                        == a.usage.promptTokensEvaluated + a.usage.promptTokensReused)
                #expect(b.completions.first?.tokens.isEmpty == false, "the completions route reports token ids")

                // The ids spell exactly the server's own rendering of the conversation.
                let encoded = try #require(try await ids.encodedPrompt(greedy(prompt)))
                let spelled = try await ids.client.postJSON(
                    "/detokenize", body: DetokenizeBody(tokens: encoded.ids), as: DetokenizeResponse.self)
                let continues = prompt.last?.role == .assistant
                let rendered = try await ids.client.postJSON(
                    "/apply-template",
                    body: OpenAIWire.ApplyTemplateBody(
                        messages: OpenAIWire.messages(prompt), addGenerationPrompt: !continues,
                        continueFinalMessage: continues ? true : nil),
                    as: OpenAIWire.ApplyTemplateResponse.self)
                #expect(spelled.content == rendered.prompt)
            }
        }
    }

    @Test("text the model generated goes back as the ids it sampled; only the new text is tokenized")
    func generatedIDsGoBack() async throws {
        try await LlamaServerProcess.withLlamaServer(extraArguments: []) { server in
            let model = try model(server, .tokenIDs)
            let prefix = "1."
            let firstRequest = greedy(Self.head + [.assistant(prefix)], maxTokens: 10)
            let sent = try #require(try await model.encodedPrompt(firstRequest))
            let first = try #require(try await model.generate(firstRequest).completions.first)
            try #require(first.tokens.count >= 2, "need a few generated tokens: \(first)")

            let nextRequest = greedy(Self.head + [.assistant(prefix + first.text + "\n9.")], maxTokens: 4)
            let next = try #require(try await model.encodedPrompt(nextRequest))
            // Every generated token whose piece lies inside the returned text is reused as sampled
            // (all of them unless the last one spelled a character cut in two).
            let generated = first.tokens.map(\.rawValue)
            let reused = next.ids.dropFirst(sent.ids.count).prefix(generated.count)
            #expect(next.ids.starts(with: sent.ids))
            #expect(Array(reused.prefix(generated.count - 1)) == Array(generated.prefix(generated.count - 1)))
            #expect(next.chunks.last?.text.hasSuffix("\n9.") == true, "the new text is the only part tokenized")

            let answer = try await model.generate(nextRequest)
            #expect(answer.completions.count == 1)
        }
    }
}
