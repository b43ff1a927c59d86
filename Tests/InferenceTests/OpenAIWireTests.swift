import Foundation
import Testing
@testable import Inference
import O1CoderCore

@Suite("OpenAI backend: wire format, SSE parsing, back-off and semaphore (pure)")
struct OpenAIWireTests {
    let configuration = OpenAIConfiguration(baseURL: URL(string: "http://127.0.0.1:8080/v1/")!, model: "m")

    func encoded(_ body: OpenAIWire.CompletionBody) throws -> [String: Any] {
        let data = try OpenAIHTTPClient.encoder.encode(body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("routes resolve against the server root; a trailing /v1 is dropped")
    func urls() {
        #expect(configuration.url("/v1/completions").absoluteString == "http://127.0.0.1:8080/v1/completions")
        #expect(configuration.url("/tokenize").absoluteString == "http://127.0.0.1:8080/tokenize")
    }

    @Test("validation collects every problem")
    func validation() {
        var bad = configuration
        bad.maxConcurrentRequests = 0
        bad.maxRetries = -1
        let error = #expect(throws: OpenAIBackendError.self) { try bad.validate() }
        guard case let .invalidConfiguration(problems)? = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(problems.count == 2)
    }

    @Test("a chat body continuing a final assistant message, with logprobs and extra samplers")
    func chatBody() async throws {
        let model = try OpenAIModel(configuration: configuration)
        let request = GenerationRequest(
            prompt: .chat([.user("q"), .assistant("Step 1:")]),
            parameters: SamplingParameters(temperature: 0.7, topK: 20, topP: 0.9, minP: 0.05, seed: 10, maxTokens: 16, stop: ["\n\n"]),
            n: 3, wantsLogProbs: true)

        let json = try encoded(model.body(for: request, first: 2, count: 3, streaming: false))

        #expect(json["model"] as? String == "m")
        #expect(json["n"] as? Int == 3)
        #expect(json["seed"] as? Int == 12)
        #expect(json["max_tokens"] as? Int == 16)
        #expect(json["top_k"] as? Int == 20)
        #expect(json["min_p"] as? Double == 0.05)
        #expect(json["stop"] as? [String] == ["\n\n"])
        #expect(json["logprobs"] as? Bool == true)
        #expect(json["top_logprobs"] as? Int == 1)
        #expect(json["continue_final_message"] as? Bool == true)
        #expect(json["add_generation_prompt"] as? Bool == false)
        #expect(json["prompt"] == nil && json["stream"] == nil)
    }

    @Test("a greedy text body: integer logprobs, no n, no sampler extras, stream options when streaming")
    func textBody() async throws {
        let model = try OpenAIModel(configuration: configuration)
        let request = GenerationRequest(prompt: .text("def f():"), parameters: .greedy, n: 1, wantsLogProbs: true)

        let json = try encoded(model.body(for: request, first: 0, count: 1, streaming: true))

        #expect(json["prompt"] as? String == "def f():")
        #expect(json["logprobs"] as? Int == 1)
        #expect(json["n"] == nil && json["top_k"] == nil && json["messages"] == nil)
        #expect(json["temperature"] as? Double == 0)
        #expect(json["stream"] as? Bool == true)
        #expect((json["stream_options"] as? [String: Bool])?["include_usage"] == true)
    }

    @Test("choices convert to completions: chat-style and completions-style logprobs, finish reasons")
    func conversion() throws {
        let body = """
            {"choices":[
              {"index":1,"text":"b","finish_reason":"length","logprobs":{"tokens":["b"],"token_logprobs":[-0.5]}},
              {"index":0,"message":{"content":"a"},"finish_reason":"stop",
               "logprobs":{"content":[{"id":64,"token":"a","logprob":-0.25},{"id":2,"token":"","logprob":-1}]}}],
             "usage":{"prompt_tokens":10,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":4}}}
            """
        let response = try OpenAIHTTPClient.decoder.decode(OpenAIWire.CompletionResponse.self, from: Data(body.utf8))

        let first = OpenAIModel.completion(from: response.choices[1], stop: [])
        let second = OpenAIModel.completion(from: response.choices[0], stop: [])
        let usage = OpenAIModel.usage(response.usage)

        #expect(first == Completion(text: "a", tokens: [Token(rawValue: 64), Token(rawValue: 2)], logProbs: [-0.25, -1], stopReason: .endOfSequence))
        #expect(second == Completion(text: "b", tokens: [], logProbs: [-0.5], stopReason: .maxTokens))
        #expect(usage == TokenUsage(promptTokensEvaluated: 6, promptTokensReused: 4, generatedTokens: 3))
    }

    @Test("finish_reason stop: vLLM stop_reason decides, else the request's stop strings do")
    func stopReasons() throws {
        let vllm = try OpenAIHTTPClient.decoder.decode(
            [OpenAIWire.Choice].self,
            from: Data(#"[{"finish_reason":"stop","stop_reason":"\n"},{"finish_reason":"stop","stop_reason":null},{"finish_reason":"stop","stop_reason":2}]"#.utf8))
        #expect(vllm.map { OpenAIModel.stopReason(finish: $0.finishReason, field: $0.stopReason, stop: ["\n"]) }
                == [.stopSequence, .endOfSequence, .endOfSequence])
        #expect(OpenAIModel.stopReason(finish: "stop", field: nil, stop: ["x"]) == .stopSequence)
        #expect(OpenAIModel.stopReason(finish: "stop", field: nil, stop: []) == .endOfSequence)
        #expect(OpenAIModel.stopReason(finish: "length", field: nil, stop: ["x"]) == .maxTokens)
    }

    @Test("batches of missing samples respect the per-request limit")
    func batching() {
        let batches = OpenAIModel.batches([0, 1, 2, 3, 4, 6, 7], size: 4)
        #expect(batches.map(\.first) == [0, 4, 6])
        #expect(batches.map(\.count) == [4, 1, 2])
    }

    @Test("SSE: events split across chunks, CRLF, comments, multi-line data, [DONE]")
    func serverSentEvents() {
        var parser = ServerSentEventParser()
        var events: [String] = []

        events += parser.consume(Array(": keep-alive\n\ndata: {\"a\"".utf8))
        events += parser.consume(Array(":1}\r\n\r\nevent: x\ndata: line1\ndata: line2\n\n".utf8))
        events += parser.consume(Array("data: [DONE]".utf8))
        events += parser.finish()

        #expect(events == [#"{"a":1}"#, "line1\nline2", "[DONE]"])
    }

    @Test("stream accumulator folds chat deltas, logprobs, finish reason and usage")
    func accumulator() throws {
        var accumulator = StreamAccumulator(stop: [])
        var pieces: [String] = []
        let payloads = [
            #"{"choices":[{"index":0,"delta":{"role":"assistant","content":null}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"He"},"logprobs":{"content":[{"id":1,"logprob":-0.1}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"llo"},"logprobs":{"content":[{"id":2,"logprob":-0.2}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"#,
            #"{"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":2}}"#,
            "[DONE]",
        ]

        for payload in payloads { try accumulator.consume(payload, url: "u") { pieces.append($0) } }

        #expect(pieces == ["He", "llo"])
        #expect(accumulator.done)
        #expect(accumulator.result.completions == [
            Completion(text: "Hello", tokens: [Token(rawValue: 1), Token(rawValue: 2)], logProbs: [-0.1, -0.2], stopReason: .maxTokens),
        ])
        #expect(accumulator.result.usage.generatedTokens == 2)
        #expect(throws: OpenAIBackendError.self) { try accumulator.consume("{not json", url: "u") { _ in } }
    }

    @Test("back-off doubles up to the cap, jitter in [0.5, 1), same seed same delays")
    func backoff() {
        let a = BackoffSchedule(initial: .milliseconds(100), maximum: .milliseconds(500), seed: 3)
        let b = BackoffSchedule(initial: .milliseconds(100), maximum: .milliseconds(500), seed: 3)

        let delays = (0..<6).map { a.delay(beforeRetry: $0) }

        #expect(delays == (0..<6).map { b.delay(beforeRetry: $0) })
        let bases: [Duration] = [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500), .milliseconds(500)]
        for (delay, base) in zip(delays, bases) {
            #expect(delay >= base / 2 && delay < base)
        }
    }

    @Test("the semaphore never admits more than its limit and serves every waiter")
    func semaphore() async throws {
        let semaphore = AsyncSemaphore(limit: 3)
        let gauge = Gauge()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await semaphore.withPermit {
                        await gauge.enter()
                        for _ in 0..<5 { await Task.yield() }
                        await gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }

        #expect(await gauge.peak <= 3)
        #expect(await gauge.entries == 20)
        #expect(await semaphore.peakHolders == 3)
    }

    @Test("a waiter cancelled in the queue gets CancellationError and the place is not lost")
    func semaphoreCancellation() async throws {
        let semaphore = AsyncSemaphore(limit: 1)
        try await semaphore.acquire()
        let waiter = Task { try await semaphore.acquire() }

        waiter.cancel()
        let outcome = await waiter.result

        #expect(throws: CancellationError.self) { try outcome.get() }
        await semaphore.release()
        try await semaphore.acquire()  // the place is free again
        await semaphore.release()
    }
}

actor Gauge {
    private(set) var current = 0
    private(set) var peak = 0
    private(set) var entries = 0
    func enter() {
        current += 1
        entries += 1
        peak = max(peak, current)
    }
    func leave() { current -= 1 }
}
