import HTTPTypes
import Hummingbird

/// Adds routes to a router and keeps, per path, the methods it takes, so that every path answers every
/// standard method: HEAD wherever GET is (the same status and headers, no body), OPTIONS with the list,
/// and any other method with 405 Method Not Allowed and an `Allow` header (RFC 9110 §15.5.6).
final class MethodRouter {
    typealias Handler = @Sendable (Request, SiteRequestContext) async throws -> Response
    /// Answers a method a path does not take; `allowed` is what goes in `Allow`.
    typealias Refusal = @Sendable (Request, SiteRequestContext, _ allowed: String) throws -> Response

    /// The methods the server knows; a request with another method gets 501 Not Implemented.
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

    /// Routes OPTIONS and every method a path does not take, once all routes are added.
    func refuseOtherMethods(with refusal: @escaping Refusal) {
        for (path, taken) in methods {
            let allowed = (taken + [.options]).map(\.rawValue).joined(separator: ", ")
            router.on(RouterPath(path), method: .options) { _, _ in
                Response(status: .noContent, headers: [.allow: allowed])
            }
            for method in Self.standardMethods where !taken.contains(method) && method != .options {
                router.on(RouterPath(path), method: method) { request, context in
                    var response = try refusal(request, context, allowed)
                    response.headers[.allow] = allowed
                    return method == .head ? Response(status: response.status, headers: response.headers) : response
                }
            }
        }
    }
}
