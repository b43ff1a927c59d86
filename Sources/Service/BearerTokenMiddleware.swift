import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on every path but `open` ones, when a token is set.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String?
    let open: Set<String>
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token, !open.contains(request.uri.path) else { return try await next(request, context) }
        let given = request.headers[.authorization] ?? ""
        guard Self.constantTimeEqual(given, "Bearer " + token) else {
            await metrics.recordRejection("unauthorized")
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a bearer token is required")
        }
        return try await next(request, context)
    }

    /// Compares without returning early at the first different byte.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
