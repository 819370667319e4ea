import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Downloads the registry over HTTP with a conditional GET, a timeout and a size cap.
public struct RegistryDownloader: Sendable {
    /// IANA's address for the registry's XML.
    public static let ianaXML = "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
    /// IANA's address for the registry's CSV.
    public static let ianaCSV = "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv"

    /// What a download brought.
    public enum Outcome: Sendable, Equatable {
        /// The server says the copy we hold is current (HTTP 304).
        case notModified
        /// A new body, with the validators to send next time.
        case downloaded(bytes: [UInt8], etag: String?, lastModified: String?)
    }

    /// How long the whole download may take.
    public var timeout: Duration
    /// The largest body accepted; IANA's XML is about 4 MB.
    public var maximumBytes: Int
    /// How the downloader names itself to the server: the product and its version, `portatlas/0.1.0`.
    public var userAgent: String
    let logger: Logger

    public init(timeout: Duration = .seconds(60), maximumBytes: Int = 64 * 1_048_576, userAgent: String = "portatlas", logger: Logger) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
        self.userAgent = userAgent
        self.logger = logger
    }

    /// Fetches `url`, sending the validators of the copy already held, and reporting progress as bytes arrive.
    /// - Parameter progress: called with the bytes received so far and the expected total, when the server gives one.
    /// - Throws: `FetchError`.
    public func fetch(
        _ url: String,
        etag: String? = nil,
        lastModified: String? = nil,
        progress: @Sendable (_ received: Int, _ expected: Int?) -> Void = { _, _ in }
    ) async throws(FetchError) -> Outcome {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), parsed.host != nil else {
            throw .badURL(url)
        }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "application/xml, text/csv;q=0.9, */*;q=0.1")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        let seconds = Int(timeout.components.seconds)
        logger.debug("GET \(url)", metadata: ["etag": "\(etag ?? "-")", "lastModified": "\(lastModified ?? "-")"])
        // Offline, fail at once rather than retrying the connection until the deadline.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .seconds(Int64(min(seconds, 15))), read: .seconds(Int64(seconds)))
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let outcome = try await download(request, url: url, seconds: seconds, client: client, progress: progress)
            try? await client.shutdown()
            return outcome
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func download(
        _ request: HTTPClientRequest,
        url: String,
        seconds: Int,
        client: HTTPClient,
        progress: @Sendable (_ received: Int, _ expected: Int?) -> Void
    ) async throws(FetchError) -> Outcome {
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(seconds)), logger: logger)
            switch response.status.code {
            case 304:
                return .notModified
            case 200:
                let expected = response.headers.first(name: "Content-Length").flatMap(Int.init)
                if let expected, expected > maximumBytes { throw FetchError.tooLarge(url: url, limit: maximumBytes) }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(expected ?? 4_000_000)
                for try await chunk in response.body {
                    bytes.append(contentsOf: chunk.readableBytesView)
                    if bytes.count > maximumBytes { throw FetchError.tooLarge(url: url, limit: maximumBytes) }
                    progress(bytes.count, expected)
                }
                return .downloaded(
                    bytes: bytes,
                    etag: response.headers.first(name: "ETag"),
                    lastModified: response.headers.first(name: "Last-Modified")
                )
            default:
                throw FetchError.httpStatus(url: url, status: Int(response.status.code))
            }
        } catch let error as FetchError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timedOut(url: url, seconds: seconds)
        } catch {
            throw .unreachable(url: url, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("UnknownHost") || text.contains("DNS error") || text.contains("NXDOMAIN") {
            return "the host name does not resolve: this machine looks offline, or has no DNS"
        }
        return text
    }
}
