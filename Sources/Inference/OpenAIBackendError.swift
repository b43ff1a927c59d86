import Foundation

/// Failures of the OpenAI-compatible HTTP backend: the tool failed, not the experiment.
///
/// Every case renders an actionable description (what URL, what the server said, what to do).
/// The API key never appears in any of them.
public enum OpenAIBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection could be made (refused, host not found, connection lost) after all attempts.
    case serverUnreachable(url: String, attempts: Int, reason: String)
    /// The server sent nothing for `timeout` on each of `attempts` attempts.
    case timedOut(url: String, attempts: Int, timeout: Duration)
    /// A non-2xx answer: 4xx at once, 429/5xx after the retries ran out.
    case httpStatus(url: String, status: Int, attempts: Int, bodyExcerpt: String)
    /// A 2xx answer whose body is not what the OpenAI API promises.
    case malformedResponse(url: String, reason: String, bodyExcerpt: String)
    /// The server cannot do this (scoring without echo, embeddings without `--embeddings`, …).
    case unsupported(feature: String, reason: String)
    /// The request cannot be expressed for this backend.
    case invalidRequest(String)
    /// The configured API-key variable is not set.
    case missingAPIKey(environmentVariable: String)
    case invalidConfiguration([String])

    public var description: String {
        switch self {
        case let .serverUnreachable(url, attempts, reason):
            return "OpenAI-compatible server unreachable at \(url) after \(attempts) attempt(s): \(reason). "
                + "Is the server running (e.g. `llama-server -m MODEL --host 127.0.0.1 --port PORT`) and is the base URL right?"
        case let .timedOut(url, attempts, timeout):
            return "No answer from \(url) within \(timeout) on \(attempts) attempt(s). "
                + "Raise the timeout, lower max_tokens, or check that the server is not overloaded."
        case let .httpStatus(url, status, attempts, body):
            let hint: String
            switch status {
            case 401, 403: hint = "check the API key environment variable"
            case 404: hint = "check the base URL and that the server offers this route"
            case 429: hint = "the server is rate-limiting; lower maxConcurrentRequests"
            case 400..<500: hint = "the server rejected the request"
            default: hint = "the server failed"
            }
            return "HTTP \(status) from \(url) after \(attempts) attempt(s) (\(hint)): \(body)"
        case let .malformedResponse(url, reason, body):
            return "Malformed response from \(url): \(reason). Body starts: \(body)"
        case let .unsupported(feature, reason):
            return "\(feature) is not supported by this server: \(reason)"
        case let .invalidRequest(message):
            return "Invalid request for the OpenAI backend: \(message)"
        case let .missingAPIKey(variable):
            return "The API key variable \(variable) is not set; export it or drop apiKeyEnvironmentVariable."
        case let .invalidConfiguration(problems):
            return "Invalid OpenAI backend configuration: " + problems.joined(separator: "; ")
        }
    }

    /// At most `limit` characters of a response body, on one line, for error messages.
    static func excerpt(_ body: some Sequence<UInt8>, limit: Int = 300) -> String {
        let text = String(decoding: Array(body.prefix(limit * 4)), as: UTF8.self)
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
