import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PortRegistry
import PortServer
import PortStore
import PortTestSupport
import PortWeb
import Testing

/// What a hostile visitor can send: each request here once crashed the server, or answered wrongly.
@Suite("The server under hostile requests")
struct HardeningTests {
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test(
        "sitemap parts that cannot exist are 404, never an out-of-range slice or an overflow",
        arguments: [
            "/sitemaps/-1.xml", "/sitemaps/99.xml", "/sitemaps/9223372036854775807.xml", "/sitemaps/99999999999999999999.xml", "/sitemaps/+1.xml",
            "/sitemaps/0.json",
        ]
    )
    func sitemapParts(path: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            try await client.execute(uri: "/sitemaps/2.xml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("<loc>/uk/ports/65535</loc>"))
            }
        }
    }

    @Test(
        "a table page past the end is a 404 that says how many pages there are; a page that is not a number is a 400",
        arguments: [
            ("/en/registry?page=9223372036854775807", HTTPResponse.Status.notFound, "There is no page 9223372036854775807: this table has 1 page."),
            ("/en/registry?page=2&protocol=udp", .notFound, "There is no page 2: this table has 1 page."),
            ("/en/registry/people?page=9223372036854775807", .notFound, "There is no page 9223372036854775807: this table has 1 page."),
            ("/uk/registry/people?page=2", .notFound, "Сторінки 2 немає: у цій таблиці лише 1 сторінка."),
            ("/en/registry?page=0", .badRequest, "is not a valid page: a whole number from 1"),
            ("/en/registry?page=-3", .badRequest, "-3&#39; is not a valid page"),
            ("/en/registry?page=99999999999999999999", .badRequest, "99999999999999999999&#39; is not a valid page"),
            ("/en/registry/people?page=abc", .badRequest, "abc&#39; is not a valid page"),
            ("/en/registry?protocol=tcpx", .badRequest, "tcpx&#39; is not a valid protocol: tcp, udp, sctp or dccp"),
        ]
    )
    func tablePages(uri: String, status: HTTPResponse.Status, message: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Self.text(response).contains(message))
            }
        }
    }

    @Test("ranges: upside down is not found (page and API), the whole port space is one page, a range's page number is checked")
    func ranges() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/ports/61656-893", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("“61656-893” is not a range: it ends before it starts."))
            }
            try await client.execute(uri: "/api/v1/ports/61656-893", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("\"code\":\"notFound\""))
            }
            try await client.execute(uri: "/en/ports/0-65535", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("mcs-messaging"))
            }
            try await client.execute(uri: "/api/v1/ports/99999999999999999999-1", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("a wide range's answer is not kept: anyone could fill the memory with the two billion ranges there are")
    func wideRangesAreNotKept() throws {
        let fixture = try WebFixture()
        let english = fixture.resources.languages.english
        _ = try fixture.pages.answer(.span(try PortSpan(start: 0, end: 65535)), path: "/ports/0-65535", english)
        _ = try fixture.pages.answer(.span(try PortSpan(start: 0, end: 65535)), path: "/ports/0-65535", nil)
        #expect(fixture.pages.cachedPageCount == 0)
        _ = try fixture.pages.answer(.span(try PortSpan(start: 3360, end: 3375)), path: "/ports/3360-3375", english)
        #expect(fixture.pages.cachedPageCount == 1)
    }

    @Test("query strings decode as browsers send them: + is a space, %-escapes are UTF-8, the first of a repeated item wins")
    func queryDecoding() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/search?q=key+manager", method: .get) { response in
                #expect(Self.text(response).contains("Search results for “key manager”") || Self.text(response).contains("key manager"))
                #expect(!Self.text(response).contains("key+manager"))
            }
            try await client.execute(uri: "/api/v1/search?q=key+manager&q=ignored", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("\"query\":\"key manager\""))
                #expect(Self.text(response).contains("key-manager"))
            }
            try await client.execute(uri: "/api/v1/search?q=%6D%79%73%71%6C", method: .get) { response in
                #expect(Self.text(response).contains("\"query\":\"mysql\""))
            }
            // A path segment is %-decoded too, but `+` stays a plus there.
            try await client.execute(uri: "/api/v1/services/my%73ql", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("\"query\":\"mysql\""))
            }
            try await client.execute(uri: "/en/search?q=3331&q=22", method: .get) { response in
                #expect(response.headers[.location] == "/en/ports/3331")
            }
        }
    }

    @Test(
        "q with a NUL is searched as a space; bytes that are not UTF-8 are a 400 page or JSON error",
        arguments: [
            ("/en/search?q=my%00sql", HTTPResponse.Status.ok, "text/html; charset=utf-8", "my sql"),
            ("/api/v1/search?q=my%00sql", .ok, "application/json", "\"query\":\"my sql\""),
            ("/en/search?q=%FF%FE", .badRequest, "text/html; charset=utf-8", "the query string is not UTF-8 text"),
            ("/en/registry?q=%C3", .badRequest, "text/html; charset=utf-8", "the query string is not UTF-8 text"),
            ("/api/v1/search?q=%E2%82", .badRequest, "application/json", "\"code\":\"badRequest\""),
            ("/en/services/%FF", .badRequest, "text/html; charset=utf-8", "the path is not UTF-8 text"),
            ("/api/v1/ports/%C0%AF", .badRequest, "application/json", "the path is not UTF-8 text"),
        ]
    )
    func hostileText(uri: String, status: HTTPResponse.Status, contentType: String, expected: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == contentType)
                #expect(Self.text(response).contains(expected))
            }
        }
    }

    @Test("very long text: a page search is cut to 200 characters, an API search over 200 is refused, a long path is a 404")
    func longText() async throws {
        let (app, _) = try RouteTests.application()
        let long = String(repeating: "ab", count: 20000)
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/search?q=\(long)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains(String(repeating: "ab", count: 100)))
                #expect(!Self.text(response).contains(String(repeating: "ab", count: 101)))
            }
            try await client.execute(uri: "/api/v1/search?q=\(String(repeating: "é", count: 201))", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("longer than 200 characters"))
            }
            try await client.execute(uri: "/api/v1/search", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("the query parameter 'q' is missing"))
            }
            try await client.execute(uri: "/en/registry?q=\(long)", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/en/services/\(long)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("the parameter &#39;name&#39; is longer than 256 characters"))
            }
        }
    }

    @Test("a service route given a port or a range says so: 400 in the API, a 404 page")
    func notAServiceName() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/services/3331", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("is a port or a range, not a service name"))
            }
            try await client.execute(uri: "/en/services/3331", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test(
        "vote bodies that are huge, malformed or not the form's are refused with a page that says why, and store nothing",
        arguments: [
            ("huge", HTTPResponse.Status.contentTooLarge, "larger than 16384 bytes"),
            ("helpful=maybe", .badRequest, "maybe&#39; is not a valid answer to &#39;helpful&#39;: yes or no"),
            ("{\"helpful\":\"yes\"}", .badRequest, "is not a valid answer to &#39;helpful&#39;"),
            ("helpful=yes&comment=%FF", .badRequest, "the query string is not UTF-8 text"),
            ("long comment", .badRequest, "the comment is longer than 500 characters"),
            ("", .badRequest, "&#39;&#39; is not a valid answer to &#39;helpful&#39;"),
        ]
    )
    func voteBodies(body: String, status: HTTPResponse.Status, message: String) async throws {
        let body =
            ["huge": String(repeating: "a", count: 20000), "long comment": "helpful=yes&comment=" + String(repeating: "ї", count: 501)][body] ?? body
        let (app, fixture) = try RouteTests.application()
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/en/ports/3331/vote", method: .post, headers: form, body: ByteBuffer(string: body)) { response in
                #expect(response.status == status)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Self.text(response).contains(message))
            }
            try await client.execute(uri: "/xx/ports/3331/vote", method: .post, headers: form, body: ByteBuffer(string: "helpful=yes")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/en/ports/70000/vote", method: .post, headers: form, body: ByteBuffer(string: "helpful=yes")) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try fixture.store.reader().voteCount() == 0)
    }

    @Test(
        "unknown languages and paths that climb out of the assets are 404 pages that leak nothing",
        arguments: [
            "/EN/ports/3331", "/xx/", "/assets/../../etc/passwd", "/assets/..%2f..%2fetc%2fpasswd", "/assets/%2e%2e/%2e%2e/etc/passwd",
            "/assets/site.css/../../../etc/passwd", "/assets/site.css%00.txt", "//etc/passwd",
        ]
    )
    func noSuchPath(path: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!Self.text(response).contains("root:"))
            }
        }
    }

    @Test(
        "HEAD answers wherever GET does, with the same status and headers and no body",
        arguments: [
            "/", "/en/", "/en/ports/3331", "/uk/ports/3367-3371", "/en/services/mysql", "/en/ranges/user", "/en/search?q=mysql", "/en/registry",
            "/en/registry/people", "/registry.csv", "/registry.xml", "/sitemap.xml", "/sitemaps/0.xml", "/robots.txt", "/assets/site.css",
            "/openapi.json", "/api/v1/ports/3331", "/api/v1/services/mysql", "/api/v1/search?q=mysql", "/api/v1/registry", "/healthz",
            "/en/ports/70000", "/nowhere",
        ]
    )
    func head(uri: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            let get = try await client.execute(uri: uri, method: .get)
            let head = try await client.execute(uri: uri, method: .head)
            #expect(head.status == get.status)
            #expect(head.body.readableBytes == 0)
            #expect(get.body.readableBytes > 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            for name in [HTTPField.Name.contentType, .eTag, .cacheControl, .contentSecurityPolicy, .vary, .contentDisposition] {
                #expect(head.headers[name] == get.headers[name], "\(name)")
            }
        }
    }

    @Test(
        "a method a path does not take, known or not, gets 405 and Allow: a page for pages, JSON for the API; OPTIONS lists them",
        arguments: [
            ("/en/ports/3331", HTTPRequest.Method.post, HTTPResponse.Status.methodNotAllowed, "GET, HEAD, OPTIONS", "text/html; charset=utf-8"),
            ("/en/ports/3331", .delete, .methodNotAllowed, "GET, HEAD, OPTIONS", "text/html; charset=utf-8"),
            ("/ports/3331/vote", .get, .methodNotAllowed, "POST, OPTIONS", "text/html; charset=utf-8"),
            ("/uk/ports/3331/vote", .put, .methodNotAllowed, "POST, OPTIONS", "text/html; charset=utf-8"),
            ("/api/v1/ports/3331", .post, .methodNotAllowed, "GET, HEAD, OPTIONS", "application/json"),
            ("/api/v1/search?q=x", .patch, .methodNotAllowed, "GET, HEAD, OPTIONS", "application/json"),
            ("/healthz", .trace, .methodNotAllowed, "GET, HEAD, OPTIONS", "application/json"),
            ("/registry.xml", .put, .methodNotAllowed, "GET, HEAD, OPTIONS", "text/html; charset=utf-8"),
            ("/en/registry", .options, .noContent, "GET, HEAD, OPTIONS", nil),
            ("/en/ports/3331", HTTPRequest.Method("QUERY")!, .methodNotAllowed, "GET, HEAD, OPTIONS", "text/html; charset=utf-8"),
            ("/api/v1/registry", HTTPRequest.Method("PROPFIND")!, .methodNotAllowed, "GET, HEAD, OPTIONS", "application/json"),
            ("/en/", HTTPRequest.Method("QUERY")!, .methodNotAllowed, "GET, HEAD, OPTIONS", "text/html; charset=utf-8"),
            ("/nowhere/at/all", HTTPRequest.Method("QUERY")!, .notFound, nil, "text/html; charset=utf-8"),
        ] as [(String, HTTPRequest.Method, HTTPResponse.Status, String?, String?)]
    )
    func methods(uri: String, method: HTTPRequest.Method, status: HTTPResponse.Status, allow: String?, contentType: String?) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: method) { response in
                #expect(response.status == status)
                #expect(response.headers[.allow] == allow)
                #expect(response.headers[.contentType] == contentType)
                if status == .methodNotAllowed {
                    #expect(Self.text(response).contains("\(method.rawValue) is not a method"))
                }
            }
        }
    }

    @Test("/metrics is Prometheus text from swift-prometheus: requests by route, method and status, latency, votes, registry, page cache")
    func metrics() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "/en/ranges/dynamic", method: .head)
            _ = try await client.execute(
                uri: "/en/ports/3331/vote",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "helpful=yes")
            )
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = Self.text(response)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                #expect(text.contains("# TYPE portatlas_http_requests_total counter"))
                #expect(text.contains("portatlas_http_requests_total{route=\"/{lang}/ranges/{range}\",method=\"HEAD\",status=\"200\"}"))
                #expect(text.contains("portatlas_http_requests_total{route=\"/{lang}/ports/{query}/vote\",method=\"POST\",status=\"303\"}"))
                #expect(text.contains("# TYPE portatlas_http_request_duration_seconds histogram"))
                #expect(
                    text.contains(
                        "portatlas_http_request_duration_seconds_bucket{route=\"/{lang}/ranges/{range}\",method=\"HEAD\",status=\"200\",le=\"0.0005\"}"
                    )
                )
                #expect(text.contains("portatlas_votes_total{outcome=\"recorded\"}"))
                #expect(text.contains("portatlas_votes_stored 1"))
                #expect(text.contains("portatlas_registry_info{version=\"1\",updated=\"2026-01-15\"} 1"))
                #expect(text.contains("# TYPE portatlas_page_cache_pages gauge"))
            }
        }
    }
}

@Suite("Query strings, decoded as browsers encode forms")
struct FormQueryTests {
    @Test("+ is a space, %-escapes are UTF-8 bytes, a stray % stays, names are decoded too, the first repeated item wins")
    func decoding() throws {
        let query = try FormQuery("q=key+manager&name%5B%5D=%D0%B4%D1%8F%D0%BA&bad=100%&odd=%G1&empty&q=second")
        #expect(query.first("q") == "key manager")
        #expect(query.first("name[]") == "дяк")
        #expect(query.first("bad") == "100%")
        #expect(query.first("odd") == "%G1")
        #expect(query.first("empty") == "")
        #expect(query.first("missing") == nil)
        #expect(try FormQuery(nil).items.isEmpty)
    }

    @Test("escapes that are not UTF-8 are refused", arguments: ["q=%FF", "q=%C3", "q=%E2%82", "%C0%AF=1"])
    func notUTF8(query: String) {
        #expect(throws: RequestError.malformedQueryString) { try FormQuery(query) }
    }

    @Test("in a path, + stays a plus")
    func path() throws {
        #expect(try FormQuery.decode(Substring("a+b%2Fc").utf8, plusIsSpace: false) == "a+b/c")
        #expect(throws: RequestError.malformedPath) { try FormQuery.decode(Substring("%FF").utf8, plusIsSpace: false) }
    }
}

@Suite("The server's connections")
struct ConnectionTests {
    @Test("a connection that sends half a request and then nothing is closed after the idle timeout")
    func idleConnectionsAreClosed() async throws {
        let fixture = try WebFixture()
        let configuration = ServerConfiguration(
            port: 0,
            storePath: fixture.storePath,
            resourceFolder: TestData.webResources,
            idleTimeout: .seconds(1)
        )
        let app = try buildApplication(configuration)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let connection = try LoopbackConnection(port: port, timeout: 10)
            try connection.send("GET /healthz HTTP/1.1\r\nHo")
            // The server closes the connection: the read ends (0 bytes) well before its 10-second bound.
            #expect(try connection.receive() == [])
            // The server still answers (the test client's own connection has idled out too: a new one).
            let next = try LoopbackConnection(port: port, timeout: 10)
            try next.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(String(decoding: try next.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200 OK"))
        }
    }
}

/// A plain TCP connection to 127.0.0.1, for requests no HTTP client would send.
final class LoopbackConnection {
    let descriptor: Int32

    init(port: Int, timeout seconds: Int) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// The next bytes the server sends; empty when it closed the connection.
    /// - Throws: `POSIXError(.EAGAIN)` when nothing came before the timeout.
    func receive() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &buffer, buffer.count)
        guard count >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        return Array(buffer[..<count])
    }

    deinit { close(descriptor) }
}
