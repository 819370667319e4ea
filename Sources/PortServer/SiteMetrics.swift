import CoreMetrics
import Foundation
import PortStore
import Prometheus

/// The server's metrics, recorded through swift-metrics into a Prometheus registry and exposed at `/metrics`
/// in Prometheus's text format.
///
/// Requests are counted and timed by `RequestMetricsMiddleware` under the labels of Hummingbird's own
/// `MetricsMiddleware` (which it mirrors, without wrapping the response body), renamed here for Prometheus:
/// `portatlas_http_requests_total{route,method,status}`, the latency histogram
/// `portatlas_http_request_duration_seconds`, `portatlas_http_request_errors_total` and
/// `portatlas_http_active_requests`. The site adds votes by outcome, the votes stored, the registry version
/// served and the page cache's figures.
public final class SiteMetrics: @unchecked Sendable {
    // @unchecked: `registryInfo` is only touched holding `lock`; the rest is immutable or Sendable.
    /// The registry the process's metrics system writes to.
    let registry: PrometheusCollectorRegistry
    private let lock = NSLock()
    private var registryInfo: (id: Int64, gauge: Prometheus.Gauge)?
    private let storedVotes: Prometheus.Gauge
    private let cachedPages: Prometheus.Gauge
    private let cachedBytes: Prometheus.Gauge
    private let votesRecorded: Prometheus.Counter
    private let votesLimited: Prometheus.Counter

    /// Hummingbird's metric names and labels, as this site exposes them.
    static let renamed: [String: String] = [
        "hb.requests": "portatlas_http_requests_total",
        "http.server.request.duration": "portatlas_http_request_duration_seconds",
        "hb.request.errors": "portatlas_http_request_errors_total",
        "http.server.active_requests": "portatlas_http_active_requests",
        "http.route": "route",
        "http.request.method": "method",
        "http.response.status_code": "status",
        "error.type": "status",
    ]

    /// The one registry of the process: swift-metrics has one backend per process, bootstrapped once.
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        ]
        factory.nameAndLabelSanitizer = { name, labels in
            (renamed[name] ?? name, labels.map { (renamed[$0.0] ?? $0.0, $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Bootstraps the process's metrics system (once) and registers the site's own metrics.
    public init() {
        registry = Self.shared
        storedVotes = registry.makeGauge(name: "portatlas_votes_stored", help: "Votes in the store.")
        cachedPages = registry.makeGauge(name: "portatlas_page_cache_pages", help: "Rendered pages kept.")
        cachedBytes = registry.makeGauge(name: "portatlas_page_cache_bytes", help: "Bytes of the rendered pages kept.")
        let votes = { (outcome: RegistryStore.VoteOutcome) in
            Self.shared.makeCounter(
                name: "portatlas_votes_total",
                labels: [("outcome", outcome.rawValue)],
                help: "Votes received since start, by outcome."
            )
        }
        votesRecorded = votes(.recorded)
        votesLimited = votes(.limited)
    }

    /// Counts a vote by its outcome.
    func record(vote outcome: RegistryStore.VoteOutcome) {
        switch outcome {
        case .recorded: votesRecorded.increment()
        case .limited: votesLimited.increment()
        }
    }

    /// The page cache's size now: how many pages it keeps and, when it knows, their bytes. The cache (or the
    /// `/metrics` handler, when it scrapes) calls this.
    public func pageCache(pages: Int, bytes: Int? = nil) {
        cachedPages.set(to: Double(pages))
        if let bytes { cachedBytes.set(to: Double(bytes)) }
    }

    /// The registry version served: `portatlas_registry_info{version,updated} 1`, the previous version's line removed.
    func registry(_ version: RegistryVersion?) {
        lock.lock()
        defer { lock.unlock() }
        guard registryInfo?.id != version?.id else { return }
        if let registryInfo { registry.unregisterGauge(registryInfo.gauge) }
        registryInfo = version.map { version in
            let gauge = registry.makeGauge(
                name: "portatlas_registry_info",
                labels: [("version", String(version.id)), ("updated", version.updated ?? "")],
                help: "The registry version served."
            )
            gauge.set(to: 1)
            return (version.id, gauge)
        }
    }

    /// The exposition text, with the gauges read now.
    func exposition(registry version: RegistryVersion?, cachedPages: Int, storedVotes: Int) -> [UInt8] {
        registry(version)
        pageCache(pages: cachedPages)
        self.storedVotes.set(to: Double(storedVotes))
        return registry.emitToBuffer()
    }
}
