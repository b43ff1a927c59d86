import O1CoderCore
import Hummingbird
public import Logging
import Execution
import Foundation
import NIOCore

/// `o1coder serve`: a ``SandboxService`` over HTTP/1.1 (Hummingbird).
///
/// - `GET /health`: `{"status": "ok", "isolation": ..., ...}` (no token needed, for load balancers);
/// - `GET /metrics`: ``ServiceMetrics/Snapshot``;
/// - `POST /run_code`: SandboxFusion's API, so verl's `sandbox_fusion.url` can point here;
/// - `POST /evaluate`: one program and all its tests (``EvaluateRequest``), one verdict per test;
/// - `POST /execute`: a raw run with O1Coder's own request and outcome.
///
/// With a token, every endpoint but `/health` needs `Authorization: Bearer TOKEN`.
public struct SandboxServer: Sendable {
    public let service: SandboxService
    public let host: String
    public let port: Int
    public let token: String?
    public let logger: Logger

    public init(service: SandboxService, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, logger: Logger) {
        self.service = service
        self.host = host
        self.port = port
        self.token = token
        self.logger = logger
    }

    /// Whether `host` only accepts connections from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Serves until the task is cancelled (or, with `signals`, until SIGINT/SIGTERM), calling
    /// `onReady` with the bound port (useful with port 0).
    public func run(handlingSignals signals: Bool = false, onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "o1coder"),
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? port) },
            logger: logger)
        if signals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let service = self.service
        router.add(middleware: BearerTokenMiddleware(token: token, open: ["/health"], metrics: service.metrics))
        router.get("/health") { _, _ -> Response in
            struct Health: Encodable {
                var status = "ok"
                var isolation: String
                var maxConcurrency: Int
                var maxTests: Int
            }
            return try Self.json(Health(isolation: service.sandbox.isolation.rawValue, maxConcurrency: service.limits.maxConcurrency, maxTests: service.limits.maxTests))
        }
        router.get("/metrics") { _, _ -> Response in
            try Self.json(await service.snapshot())
        }
        Self.post("run_code", on: router, service: service, decode: Self.decodeJSON) { try await service.runCode($0) }
        Self.post("evaluate", on: router, service: service, decode: { try EvaluateRequest(body: $0.readableBytesView, defaults: service.limits.defaults) }) {
            try await service.evaluate($0)
        }
        Self.post("execute", on: router, service: service, decode: Self.decodeJSON) { (request: ExecutionRequest) in try await service.execute(request) }
        return router
    }

    /// `POST /path`: the body (within the server's size cap) decoded, handled, answered as JSON;
    /// a body that does not decode is a 400 naming what is wrong, a refusal its own status.
    private static func post<Body: Sendable, Answer: Encodable>(
        _ path: String, on router: Router<BasicRequestContext>, service: SandboxService,
        decode: @escaping @Sendable (ByteBuffer) throws -> Body, handle: @escaping @Sendable (Body) async throws -> Answer
    ) {
        router.post(RouterPath(stringLiteral: "/" + path)) { request, _ -> Response in
            let body = try await Self.body(of: request, upTo: service.limits.maxBodyBytes, metrics: service.metrics)
            let decoded: Body
            do { decoded = try decode(body) } catch {
                await service.metrics.recordRejection("invalid")
                throw HTTPError(.badRequest, message: "\(path): \(Self.describe(error))")
            }
            return try await Self.answer { try Self.json(await handle(decoded)) }
        }
    }

    private static func decodeJSON<T: Decodable>(_ body: ByteBuffer) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// Maps the service's refusals to HTTP statuses (503 with Retry-After, 400, 413).
    private static func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch SandboxService.Refusal.overloaded(let queued) {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "overloaded: \(queued) requests queued; retry later")
        } catch SandboxService.Refusal.invalid(let problem) {
            throw HTTPError(problem.tooLarge ? .contentTooLarge : .badRequest, message: problem.description)
        }
    }

    private static func body(of request: Request, upTo limit: Int, metrics: ServiceMetrics) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            await metrics.recordRejection("too_large")
            throw HTTPError(.contentTooLarge, message: "the body is over this server's \(limit) bytes")
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONCoding.encoder()
        let data = try encoder.encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context): "the body is not valid JSON (\(context.debugDescription))"
        default: "\(error)"
        }
    }
}
