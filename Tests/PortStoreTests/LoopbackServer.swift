import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 that serves registry files the way IANA's does: with an ETag and a
/// Last-Modified date, answering 304 to a conditional GET for the same copy.
final class LoopbackServer: Sendable {
    /// What the server sends for each path.
    struct File: Sendable {
        var bytes: [UInt8]
        var etag: String
        var lastModified = "Mon, 17 Aug 2026 10:00:00 GMT"
        var status = 200
    }

    private let files: Mutex<[String: File]>
    private let requests = Mutex<[(path: String, ifNoneMatch: String?)]>([])

    init(files: [String: File]) {
        self.files = Mutex(files)
    }

    /// Replaces what a path serves.
    func serve(_ path: String, _ file: File) { files.withLock { $0[path] = file } }

    /// The requests seen, with their If-None-Match headers.
    var seen: [(path: String, ifNoneMatch: String?)] { requests.withLock { $0 } }

    /// Runs the server for the duration of `body`, passing it the base URL, and returns what `body` returns.
    @discardableResult
    func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get("**") { request, _ -> Response in
            let path = request.uri.path
            let ifNoneMatch = request.headers[.ifNoneMatch]
            self.requests.withLock { $0.append((path, ifNoneMatch)) }
            guard let file = self.files.withLock({ $0[path] }) else { return Response(status: .notFound) }
            var headers = HTTPFields()
            headers[.eTag] = file.etag
            headers[.lastModified] = file.lastModified
            if ifNoneMatch == file.etag { return Response(status: .notModified, headers: headers) }
            headers[.contentType] = "application/xml"
            return Response(
                status: .init(code: file.status),
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes))
            )
        }
        let port = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "loopback")
        // Cancelling the server at the end of a test makes it log its shutdown as errors: not news here.
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                port.continuation.yield(channel.localAddress?.port ?? 0)
                port.continuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = port.stream.makeAsyncIterator()
            let bound = await iterator.next() ?? 0
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(bound)")
        }
    }
}
