import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One streamed HTTP exchange over URLSession's delegate API, delivered as an async sequence.
///
/// `URLSession.bytes(for:)` is not available in swift-corelibs-foundation, so the delegate feeds
/// an `AsyncThrowingStream`: first the response head, then the body chunks, then the end (or the
/// transport error). Each transfer has its own session (a session retains its delegate), which is
/// invalidated when the transfer ends or the consumer goes away.
struct StreamingTransfer: Sendable {
    let request: URLRequest
    let timeout: Duration

    /// Runs the exchange. A 2xx body goes chunk by chunk to `onData` and yields `.success`; any
    /// other status yields `.status` with the whole body. Transport failures throw `URLError`.
    func run(onData: (Data) async throws -> Void) async throws -> AttemptOutcome {
        let (events, continuation) = AsyncThrowingStream<StreamingDelegate.Event, any Error>.makeStream()
        let delegate = StreamingDelegate(continuation: continuation)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = OpenAIHTTPClient.seconds(timeout)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: request)
        continuation.onTermination = { _ in
            task.cancel()
            session.invalidateAndCancel()
        }
        defer { continuation.finish() }
        task.resume()

        var status = 0
        var retryAfter: Duration?
        var errorBody = Data()
        for try await event in events {
            switch event {
            case let .head(code, retryAfterSeconds):
                status = code
                retryAfter = retryAfterSeconds.map { .milliseconds(Int($0 * 1000)) }
            case let .body(chunk):
                if (200..<300).contains(status) {
                    try await onData(chunk)
                } else if errorBody.count < 65_536 {
                    errorBody.append(chunk)
                }
            }
        }
        try Task.checkCancellation()
        return (200..<300).contains(status) ? .success : .status(status, errorBody, retryAfter: retryAfter)
    }
}

/// Forwards URLSession delegate callbacks into an async stream.
///
/// `@unchecked Sendable`: the only stored property is an immutable, Sendable continuation;
/// NSObject itself is what keeps the compiler from proving it.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Event: Sendable {
        case head(status: Int, retryAfterSeconds: Double?)
        case body(Data)
    }

    private let continuation: AsyncThrowingStream<Event, any Error>.Continuation

    init(continuation: AsyncThrowingStream<Event, any Error>.Continuation) {
        self.continuation = continuation
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        let retryAfter = http?.value(forHTTPHeaderField: "Retry-After").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        continuation.yield(.head(status: http?.statusCode ?? 0, retryAfterSeconds: retryAfter))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        continuation.yield(.body(data))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            continuation.finish(throwing: error as? URLError ?? URLError(.unknown))
        } else {
            continuation.finish()
        }
        session.finishTasksAndInvalidate()
    }
}
