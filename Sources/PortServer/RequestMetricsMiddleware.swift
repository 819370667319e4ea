import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird

/// Counts and times every request under its route pattern (never the raw path), through swift-metrics with
/// the labels and dimensions of Hummingbird's own `MetricsMiddleware` (`hb.requests`,
/// `http.server.request.duration`, `hb.request.errors`, `http.server.active_requests`), which `SiteMetrics`
/// renames for Prometheus.
///
/// It records when the handler returns rather than after the body is written: Hummingbird's middleware
/// wraps every response body in a closure to time its write, and a wrapped body loses the server's
/// single-buffer path (head, body and end in one write). Measured side by side on a cached page, that cost
/// a quarter of the throughput; the time to hand over a body already in memory is what it leaves out.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let handles = Handles()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let active = handles.active(request.method)
        active.increment()
        defer { active.decrement() }
        do {
            let response = try await next(request, context)
            handles.endpoint(context.endpointPath ?? "NotFound", request.method, response.status)
                .record(nanoseconds: DispatchTime.now().uptimeNanoseconds - start, error: false)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            handles.endpoint(context.endpointPath ?? "NotFound", request.method, status)
                .record(nanoseconds: DispatchTime.now().uptimeNanoseconds - start, error: true)
            throw error
        }
    }

    /// The metric handles, made once per route, method and status (the set is bounded: route patterns,
    /// the methods the HTTP parser accepts, status codes).
    final class Handles: @unchecked Sendable {
        // @unchecked: the dictionaries are only touched holding `lock`.
        private let lock = NSLock()
        private var endpoints: [Key: Endpoint] = [:]
        private var methods: [HTTPRequest.Method: Meter] = [:]

        struct Key: Hashable {
            let endpoint: String
            let method: HTTPRequest.Method
            let status: Int
        }

        struct Endpoint {
            let requests: Counter
            let duration: CoreMetrics.Timer
            let errors: Counter

            func record(nanoseconds: UInt64, error: Bool) {
                requests.increment()
                duration.recordNanoseconds(Int64(clamping: nanoseconds))
                if error { errors.increment() }
            }
        }

        func active(_ method: HTTPRequest.Method) -> Meter {
            lock.lock()
            defer { lock.unlock() }
            if let meter = methods[method] { return meter }
            let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)])
            methods[method] = meter
            return meter
        }

        func endpoint(_ endpoint: String, _ method: HTTPRequest.Method, _ status: HTTPResponse.Status) -> Endpoint {
            let key = Key(endpoint: endpoint, method: method, status: status.code)
            lock.lock()
            defer { lock.unlock() }
            if let handles = endpoints[key] { return handles }
            let dimensions = [("http.route", endpoint), ("http.request.method", method.rawValue), ("http.response.status_code", String(status.code))]
            let handles = Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions),
                duration: CoreMetrics.Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                errors: Counter(
                    label: "hb.request.errors",
                    dimensions: [("http.route", endpoint), ("http.request.method", method.rawValue), ("error.type", String(status.code))]
                )
            )
            endpoints[key] = handles
            return handles
        }
    }
}
