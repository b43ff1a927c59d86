import Foundation
import Testing
@testable import Inference

@Suite("Token-id prompts: known tokenizations and the /v1/completions wire")
struct TokenPromptTests {
    typealias Chunk = KnownTokenizations.Chunk

    @Test("the longest known chunk prefix is reused; a chunk is reused whole or not at all")
    func longestPrefix() {
        var known = KnownTokenizations()
        known.remember([Chunk(ids: [1, 2], text: "Step A"), Chunk(ids: [3], text: " one"), Chunk(ids: [4], text: " two")], head: "h")
        known.remember([Chunk(ids: [1, 2], text: "Step A"), Chunk(ids: [9], text: " on")], head: "h")

        let full = known.match("Step A one two</step>", head: "h")
        #expect(full.ids == [1, 2, 3, 4])
        #expect(full.remainder == "</step>")

        // " one" does not fit "Step A on!": the shorter sequence's " on" is the longest match.
        let partial = known.match("Step A on!", head: "h")
        #expect(partial.ids == [1, 2, 9])
        #expect(partial.remainder == "!")

        // "Step" is inside the first chunk: nothing is reused.
        let inside = known.match("Step", head: "h")
        #expect(inside.ids.isEmpty && inside.remainder == "Step")
        #expect(known.match("Step A one", head: "other head").ids.isEmpty)
    }

    @Test("generated tokens count as far as their pieces spell the returned text")
    func generatedChunks() {
        // The stop string's first token ("</") is not part of the text.
        let cut = KnownTokenizations.generatedChunks(ids: [20, 21, 22], pieces: [" one", " two", "</"], text: " one two")
        #expect(cut.map(\.ids) == [[20], [21]])
        // An empty piece (a special token) ends the chain.
        #expect(KnownTokenizations.generatedChunks(ids: [5, 6], pieces: ["a", ""], text: "a").map(\.ids) == [[5]])
        // Without pieces: all ids as one chunk, or nothing when the text is empty.
        #expect(KnownTokenizations.generatedChunks(ids: [7, 8], pieces: nil, text: "xy") == [Chunk(ids: [7, 8], text: "xy")])
        #expect(KnownTokenizations.generatedChunks(ids: [7, 8], pieces: nil, text: "").isEmpty)
        // Multi-byte text is compared byte for byte.
        #expect(KnownTokenizations.generatedChunks(ids: [1, 2], pieces: ["é", "ü"], text: "éü").count == 2)
    }

    @Test("old heads and sequences are evicted")
    func eviction() {
        var known = KnownTokenizations(maxHeads: 2, maxSequencesPerHead: 1)
        known.remember([Chunk(ids: [1], text: "a")], head: "1")
        known.remember([Chunk(ids: [2], text: "b")], head: "1")
        known.remember([Chunk(ids: [3], text: "c")], head: "2")
        known.remember([Chunk(ids: [4], text: "d")], head: "3")
        #expect(known.match("a", head: "1").ids.isEmpty, "one sequence per head: 'a' was replaced by 'b'")
        #expect(known.match("b", head: "1").ids.isEmpty, "head 1 was evicted by head 3")
        #expect(known.match("c", head: "2").ids == [3])
        #expect(known.match("d", head: "3").ids == [4])
    }

    static let question: [ChatMessage] = [.user("Sort a list.")]

    func greedy(_ messages: [ChatMessage]) -> GenerationRequest {
        var parameters = SamplingParameters.greedy
        parameters.maxTokens = 8
        parameters.stop = ["</step>"]
        return GenerationRequest(prompt: .chat(messages), parameters: parameters, n: 1, wantsLogProbs: false)
    }

    func model(_ server: OpenAITestHTTPServer) throws -> OpenAIModel {
        try OpenAIModel(configuration: OpenAIConfiguration(
            baseURL: server.baseURL, model: "m", maxConcurrentRequests: 1, timeout: .seconds(10), maxRetries: 0,
            promptEncoding: .tokenIDs))
    }

    @Test("llama-server routes: head rendered once, generated ids sent back, only new text tokenized")
    func llamaServerWire() async throws {
        let completion = #"{"choices":[{"index":0,"text":" one two","finish_reason":"stop","logprobs":{"content":["#
            + #"{"id":20,"token":" one","logprob":-0.1},{"id":21,"token":" two","logprob":-0.2},{"id":22,"token":"</","logprob":-0.3}]}}],"#
            + #""usage":{"prompt_tokens":5,"completion_tokens":3}}"#
        let server = try OpenAITestHTTPServer(script: [
            .init(status: 200, body: #"{"prompt":"<head>"}"#),
            .init(status: 200, body: #"{"tokens":[1,2,3]}"#),
            .init(status: 200, body: #"{"tokens":[10,11]}"#),
            .init(status: 200, body: completion),
            .init(status: 200, body: #"{"tokens":[30,31]}"#),
            .init(status: 200, body: completion),
        ])
        defer { server.shutdown() }
        let model = try model(server)

        let first = try #require(try await model.generate(greedy(Self.question + [.assistant("Step A")])).completions.first)
        #expect(first.text == " one two")
        #expect(first.tokens.map(\.rawValue) == [20, 21, 22])
        _ = try await model.generate(greedy(Self.question + [.assistant("Step A one two</step>\nnext")]))

        let requests = server.requests
        try #require(requests.count == 6)
        #expect(requests[0].hasPrefix("POST /apply-template"))
        #expect(requests[0].contains(#""add_generation_prompt":true"#))
        #expect(requests[1].contains(#""content":"<head>""#) && requests[1].contains(#""parse_special":true"#))
        #expect(requests[2].contains(#""content":"Step A""#) && requests[2].contains(#""parse_special":false"#))
        #expect(requests[3].hasPrefix("POST /v1/completions"))
        #expect(requests[3].contains(#""prompt":[1,2,3,10,11]"#))
        #expect(requests[3].contains(#""logprobs":1"#), "log-probs carry the generated ids")
        #expect(requests[4].contains(#""content":"<\/step>\nnext""#) || requests[4].contains(#""content":"</step>\nnext""#))
        #expect(requests[5].contains(#""prompt":[1,2,3,10,11,20,21,30,31]"#), "\(requests[5])")
        #expect(await model.tokenPrompts?.reusedTokens == 4)
    }

    @Test("vLLM routes: /tokenize with messages, token ids named token_id:N")
    func vllmWire() async throws {
        let completion = #"{"choices":[{"index":0,"text":"ab","finish_reason":"length","logprobs":{"tokens":["token_id:40","token_id:41"],"#
            + #""token_logprobs":[-0.5,-0.25]}}],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#
        let server = try OpenAITestHTTPServer(script: [
            .init(status: 404, body: #"{"detail":"Not Found"}"#),
            .init(status: 200, body: #"{"tokens":[5,6],"count":2,"max_model_len":4096}"#),
            .init(status: 200, body: #"{"tokens":[7],"count":1,"max_model_len":4096}"#),
            .init(status: 200, body: completion),
            .init(status: 200, body: #"{"tokens":[8],"count":1,"max_model_len":4096}"#),
            .init(status: 200, body: completion),
        ])
        defer { server.shutdown() }
        let model = try model(server)

        let first = try #require(try await model.generate(greedy(Self.question + [.assistant("S")])).completions.first)
        #expect(first.tokens.map(\.rawValue) == [40, 41])
        #expect(first.logProbs == [-0.5, -0.25])
        _ = try await model.generate(greedy(Self.question + [.assistant("Sabx")]))

        let requests = server.requests
        try #require(requests.count == 6)
        #expect(requests[1].hasPrefix("POST /tokenize") && requests[1].contains(#""messages":["#))
        #expect(requests[1].contains(#""add_special_tokens":false"#))
        #expect(requests[2].contains(#""prompt":"S""#))
        #expect(requests[3].contains(#""return_tokens_as_token_ids":true"#))
        #expect(requests[3].contains(#""prompt":[5,6,7]"#))
        #expect(requests[5].contains(#""prompt":[5,6,7,40,41,8]"#), "\(requests[5])")
    }
}
