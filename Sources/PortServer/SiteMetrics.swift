import Foundation
import HTTPTypes
import Hummingbird
import PortStore

/// Counters for `/metrics`, in Prometheus's text format: requests by route and status, a latency histogram,
/// votes by outcome, the registry version served and the page cache's size.
public final class SiteMetrics: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var requests: [String: Int] = [:]
    private var buckets = [Int](repeating: 0, count: SiteMetrics.bounds.count)
    private var latencyCount = 0
    private var latencySum = 0.0
    private var votes: [String: Int] = [:]

    /// Histogram bounds in seconds.
    static let bounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    public init() {}

    func record(route: String, method: String, status: Int, seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        requests["route=\"\(route)\",method=\"\(method)\",status=\"\(status)\"", default: 0] += 1
        for (index, bound) in Self.bounds.enumerated() where seconds <= bound { buckets[index] += 1 }
        latencyCount += 1
        latencySum += seconds
    }

    func record(vote outcome: RegistryStore.VoteOutcome) {
        lock.lock()
        defer { lock.unlock() }
        votes[outcome.rawValue, default: 0] += 1
    }

    /// The exposition text.
    func text(registry: RegistryVersion?, cachedPages: Int, storedVotes: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = "# HELP portatlas_http_requests_total HTTP requests served, by route, method and status.\n"
        out += "# TYPE portatlas_http_requests_total counter\n"
        for (labels, count) in requests.sorted(by: { $0.key < $1.key }) {
            out += "portatlas_http_requests_total{\(labels)} \(count)\n"
        }
        out += "# HELP portatlas_http_request_duration_seconds Time from request to response head.\n"
        out += "# TYPE portatlas_http_request_duration_seconds histogram\n"
        for (index, bound) in Self.bounds.enumerated() {
            out += "portatlas_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(buckets[index])\n"
        }
        out += "portatlas_http_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount)\n"
        out += "portatlas_http_request_duration_seconds_sum \(latencySum)\n"
        out += "portatlas_http_request_duration_seconds_count \(latencyCount)\n"
        out += "# HELP portatlas_votes_total Votes received since start, by outcome.\n# TYPE portatlas_votes_total counter\n"
        for outcome in ["recorded", "limited"] { out += "portatlas_votes_total{outcome=\"\(outcome)\"} \(votes[outcome] ?? 0)\n" }
        out += "# HELP portatlas_votes_stored Votes in the store.\n# TYPE portatlas_votes_stored gauge\nportatlas_votes_stored \(storedVotes)\n"
        out += "# HELP portatlas_registry_info The registry version served.\n# TYPE portatlas_registry_info gauge\n"
        if let registry {
            out += "portatlas_registry_info{version=\"\(registry.id)\",updated=\"\(registry.updated ?? "")\"} 1\n"
        }
        out += "# HELP portatlas_page_cache_pages Rendered pages kept.\n# TYPE portatlas_page_cache_pages gauge\nportatlas_page_cache_pages \(cachedPages)\n"
        return out
    }
}

/// Times every request and counts it under its route pattern (never the raw path: `/ports/{query}`).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let metrics: SiteMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status, seconds: Self.seconds(since: start))
            throw error
        }
        metrics.record(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code, seconds: Self.seconds(since: start))
        return response
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// The headers every response carries: a strict Content-Security-Policy (no scripts at all), no sniffing,
/// no framing, no referrer.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
