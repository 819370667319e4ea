import HTTPTypes
import Hummingbird

/// Adds routes to a router and keeps, per path, the methods it takes, so that every path answers every
/// standard method: HEAD wherever GET is (the same status and headers, no body), OPTIONS with the list,
/// and any other method with 405 Method Not Allowed and an `Allow` header (RFC 9110 §15.5.6), including
/// methods the router has no name for (QUERY, PROPFIND): `allowedMethods(for:)` answers those.
final class MethodRouter: @unchecked Sendable {
    // @unchecked: `methods` is filled while the routes are added, before the server starts, and only read after.
    typealias Handler = @Sendable (Request, SiteRequestContext) async throws -> Response
    /// Answers a method a path does not take, with `allowed` in `Allow`.
    typealias Refusal = @Sendable (Request, SiteRequestContext, _ allowed: String) throws -> Response

    /// The methods routed one by one; a path answers any other method through `allowedMethods(for:)`.
    static let standardMethods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace]

    let router: Router<SiteRequestContext>
    private var methods: [(path: String, methods: [HTTPRequest.Method])] = []

    init(_ router: Router<SiteRequestContext>) {
        self.router = router
    }

    /// GET, and HEAD with the same status and headers and no body.
    func get(_ path: String, use handler: @escaping Handler) {
        add(path, .get, handler)
        add(path, .head) { request, context in
            let response = try await handler(request, context)
            return Response(status: response.status, headers: response.headers)
        }
    }

    /// POST.
    func post(_ path: String, use handler: @escaping Handler) {
        add(path, .post, handler)
    }

    private func add(_ path: String, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
        router.on(RouterPath(path), method: method, use: handler)
        if let index = methods.firstIndex(where: { $0.path == path }) {
            methods[index].methods.append(method)
        } else {
            methods.append((path, [method]))
        }
    }

    /// The `Allow` value for a request path that a route matches, `nil` when none does: for a method the router
    /// has no route for at all. Matches as the router does: segment by segment, `{name}` matching any one.
    func allowedMethods(for path: String) -> String? {
        let segments = path.split(separator: "/")
        for (pattern, taken) in methods {
            let parts = pattern.split(separator: "/")
            guard parts.count == segments.count else { continue }
            if zip(parts, segments).allSatisfy({ $0.first == "{" || $0 == $1 }) {
                return Self.allow(taken)
            }
        }
        return nil
    }

    static func allow(_ taken: [HTTPRequest.Method]) -> String {
        (taken + [.options]).map(\.rawValue).joined(separator: ", ")
    }

    /// Routes OPTIONS and every method a path does not take, once all routes are added.
    func refuseOtherMethods(with refusal: @escaping Refusal) {
        for (path, taken) in methods {
            let allowed = Self.allow(taken)
            router.on(RouterPath(path), method: .options) { _, _ in
                Response(status: .noContent, headers: [.allow: allowed])
            }
            for method in Self.standardMethods where !taken.contains(method) && method != .options {
                router.on(RouterPath(path), method: method) { request, context in
                    let response = try refusal(request, context, allowed)
                    return method == .head ? Response(status: response.status, headers: response.headers) : response
                }
            }
        }
    }
}
