public import Foundation

/// How an `OpenAIModel` reaches an OpenAI-compatible server (llama-server, vLLM, SGLang, …).
///
/// A plain value: it is recorded with a run, so it never holds the API key itself, only the name
/// of the environment variable to read it from.
public struct OpenAIConfiguration: Codable, Sendable, Hashable {
    /// Root of the server, e.g. `http://127.0.0.1:8080`. A trailing `/v1` is accepted and ignored:
    /// the OpenAI routes (`/v1/chat/completions`, …) and llama-server's native routes
    /// (`/tokenize`, `/completion`, …) are resolved against the root.
    public var baseURL: URL
    /// The `model` field sent with every request (llama-server ignores it; vLLM needs it).
    public var model: String
    /// Name of the environment variable holding the API key (sent as `Authorization: Bearer`);
    /// nil for servers without authentication. The key is read per request and never logged.
    public var apiKeyEnvironmentVariable: String?
    /// At most this many HTTP requests are in flight at once (an async semaphore).
    public var maxConcurrentRequests: Int
    /// Longest wait for bytes from the server on one request. For non-streamed requests the server
    /// sends nothing until it is done, so this bounds a whole generation; for streams it bounds the
    /// gap between events.
    public var timeout: Duration
    /// Retries after the first attempt, on connection errors, time-outs, 429 and 5xx (not 501).
    public var maxRetries: Int
    /// Back-off before retry `k` (0-based) is `min(maxBackoff, initialBackoff · 2^k)` scaled by a
    /// jitter factor in [0.5, 1) drawn from the model's seeded generator; `Retry-After` raises it.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// Most choices asked for in one request (`n`); llama-server rejects `n` above its slot count
    /// (`--parallel`, 4 by default). Further requests use seeds `seed + i` for the missing samples.
    public var maxChoicesPerRequest: Int
    /// How `score(prompt:continuation:)` obtains teacher-forced log-probabilities.
    public var scoring: OpenAIScoringMethod
    /// How chat prompts travel: as messages, or as token ids on `/v1/completions`.
    public var promptEncoding: OpenAIPromptEncoding

    public init(
        baseURL: URL, model: String = "default", apiKeyEnvironmentVariable: String? = nil,
        maxConcurrentRequests: Int = 4, timeout: Duration = .seconds(300), maxRetries: Int = 3,
        initialBackoff: Duration = .milliseconds(250), maxBackoff: Duration = .seconds(8),
        maxChoicesPerRequest: Int = 4, scoring: OpenAIScoringMethod = .llamaServerForcedTokens,
        promptEncoding: OpenAIPromptEncoding = .messages
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable
        self.maxConcurrentRequests = maxConcurrentRequests
        self.timeout = timeout
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxChoicesPerRequest = maxChoicesPerRequest
        self.scoring = scoring
        self.promptEncoding = promptEncoding
    }

    /// Checks the values a caller could get wrong, collecting every problem.
    public func validate() throws(OpenAIBackendError) {
        var problems: [String] = []
        if baseURL.scheme != "http" && baseURL.scheme != "https" {
            problems.append("baseURL \(baseURL.absoluteString) must be an http:// or https:// URL")
        }
        if maxConcurrentRequests < 1 { problems.append("maxConcurrentRequests must be ≥ 1 (is \(maxConcurrentRequests))") }
        if maxRetries < 0 { problems.append("maxRetries must be ≥ 0 (is \(maxRetries))") }
        if timeout <= .zero { problems.append("timeout must be positive") }
        if initialBackoff < .zero || maxBackoff < initialBackoff {
            problems.append("need 0 ≤ initialBackoff ≤ maxBackoff")
        }
        if maxChoicesPerRequest < 1 { problems.append("maxChoicesPerRequest must be ≥ 1") }
        if !problems.isEmpty { throw .invalidConfiguration(problems) }
    }

    /// The URL of `path` (e.g. `/v1/completions`) on this server.
    func url(_ path: String) -> URL {
        var root = baseURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        if root.hasSuffix("/v1") { root.removeLast(3) }
        return URL(string: root + path) ?? baseURL
    }
}

/// Ways to score a continuation over HTTP.
public enum OpenAIScoringMethod: String, Codable, Sendable, Hashable, CaseIterable {
    /// llama-server: render the prompt with `/apply-template` (chat) or take it as is (text),
    /// tokenize the continuation with `/tokenize`, then force exactly those tokens with a
    /// token-id grammar (`root ::= <[id]> …`) at temperature 0 on `/completion` with `n_probs`,
    /// which reports each token's probability under the unmodified (pre-sampler) distribution.
    case llamaServerForcedTokens = "llama-server-forced-tokens"
    /// vLLM-style `/v1/completions` with `echo: true, logprobs: 1, max_tokens: 0` (text prompts
    /// only). llama-server (b1-0c1e570) accepts `echo` but returns no prompt log-probs, which is reported as unsupported.
    case echo
}

/// How an `OpenAIModel` sends chat prompts.
public enum OpenAIPromptEncoding: String, Codable, Sendable, Hashable, CaseIterable {
    /// `/v1/chat/completions` with the messages; the server applies the template and tokenizes
    /// the whole text, a continued assistant message included, on every request.
    case messages
    /// `/v1/completions` with token ids: the head is rendered and tokenized by the server once,
    /// and text the model generated goes back as the ids it sampled, so step boundaries are
    /// exact (``TokenPromptEncoder``). Needs llama-server or vLLM (`/tokenize`).
    case tokenIDs = "token-ids"
}
