import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PortServer
import PortStore
import PortTestSupport
import PortWeb
import Testing

@Suite("The server's routes")
struct RouteTests {
    /// The application on the small fixture registry.
    static func application() throws -> (some ApplicationProtocol, WebFixture) {
        let fixture = try WebFixture()
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let configuration = ServerConfiguration(port: 0, storePath: fixture.storePath, resourceFolder: TestData.webResources)
        return (try buildApplication(configuration, logger: logger), fixture)
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test("a port page: HTML, strict security headers, an ETag that revalidates to 304")
    func portPage() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: "/en/ports/3331", method: .get) { response -> String in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[.cacheControl] == "public, max-age=300")
                #expect(Self.text(response).contains("<h1>What port 3331 is</h1>"))
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/en/ports/3331", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("the language comes from the path, else from Accept-Language")
    func languages() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/uk/ports/3331", method: .get) { response in
                #expect(Self.text(response).contains("Ця сторінка була корисною?"))
            }
            try await client.execute(uri: "/ports/3331", method: .get, headers: [.acceptLanguage: "uk-UA,uk;q=0.9"]) { response in
                #expect(Self.text(response).contains("<html lang=\"uk\">"))
                #expect(response.headers[.vary] == "Accept-Encoding, Accept-Language")
            }
            try await client.execute(uri: "/ports/3331", method: .get) { response in
                #expect(Self.text(response).contains("<html lang=\"en\">"))
            }
        }
    }

    @Test(
        "ports that do not exist get a helpful 404 page, not a stack trace",
        arguments: ["/en/ports/65536", "/en/ports/-1", "/ports/70000", "/en/ports/abc", "/xx/ports/1", "/nowhere/at/all"]
    )
    func notFound(path: String) async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Self.text(response).contains("Ports run from 0 to 65535"))
            }
        }
    }

    @Test("a vote through the form: 303 back to the page, counted; a second from the same client is limited")
    func vote() async throws {
        let (app, fixture) = try Self.application()
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(
                uri: "/uk/ports/3331/vote",
                method: .post,
                headers: form,
                body: ByteBuffer(string: "helpful=yes&comment=%D0%B4%D1%8F%D0%BA%D1%83%D1%8E")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/uk/ports/3331?voted=recorded#vote")
            }
            try await client.execute(uri: "/en/ports/3331", method: .get) { response in
                #expect(Self.text(response).contains("1 found this page helpful; 0 did not."))
            }
            try await client.execute(uri: "/en/ports/3331/vote", method: .post, headers: form, body: ByteBuffer(string: "helpful=no")) { response in
                #expect(response.headers[.location] == "/en/ports/3331?voted=limited#vote")
            }
            try await client.execute(uri: "/en/ports/3331/vote", method: .post, headers: form, body: ByteBuffer(string: "helpful=maybe")) {
                response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try fixture.store.reader().votes(page: "/ports/3331").compactMap(\.comment) == ["дякую"])
    }

    @Test("a hostile query string is escaped, never executed")
    func hostileQuery() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!Self.text(response).contains("<script>"))
                #expect(Self.text(response).contains("&lt;script&gt;"))
            }
            try await client.execute(uri: "/en/search?q=3331", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/en/ports/3331")
            }
            try await client.execute(uri: "/uk/search?q=3367-3371", method: .get) { response in
                #expect(response.headers[.location] == "/uk/ports/3367-3371")
            }
        }
    }

    @Test("the JSON API speaks the CLI's shapes; the OpenAPI document, health, metrics, sitemap and robots are served")
    func apiAndOperations() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/ports/3331", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any])
                #expect((object["entries"] as? [[String: Any]])?.first?["service"] as? String == "mcs-messaging")
                #expect(object["listeners"] is NSNull)
                #expect((object["uses"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/ports/70000", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("\"code\":\"notFound\""))
            }
            try await client.execute(uri: "/api/v1/ports/abc", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("\"code\":\"badRequest\""))
            }
            try await client.execute(uri: "/api/v1/services/tarantool", method: .get) { response in
                #expect(Self.text(response).contains("\"unauthorizedUse\":\"Known Unauthorized Use on port 3301\""))
            }
            try await client.execute(uri: "/api/v1/registry", method: .get) { response in
                #expect(Self.text(response).contains("\"updated\":\"2026-01-15\""))
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any])
                #expect(object["openapi"] as? String == "3.1.0")
                #expect((object["paths"] as? [String: Any])?["/api/v1/ports/{query}"] != nil)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(Self.text(response) == "{\"status\":\"ok\",\"registry\":\"2026-01-15\",\"votes\":\"available\"}\n")
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = Self.text(response)
                #expect(text.contains("portatlas_http_requests_total{route=\"/api/v1/ports/{query}\",method=\"GET\",status=\"200\"}"))
                #expect(text.contains("portatlas_registry_info{version=\"1\",updated=\"2026-01-15\"} 1"))
                #expect(text.contains("portatlas_http_request_duration_seconds_count"))
            }
            try await client.execute(uri: "/robots.txt", method: .get) { response in
                #expect(Self.text(response).contains("Sitemap: /sitemap.xml"))
            }
            try await client.execute(uri: "/sitemaps/0.xml", method: .get) { response in
                #expect(Self.text(response).contains("<loc>/en/ports/3331</loc>"))
            }
            try await client.execute(uri: "/registry.xml", method: .get) { response in
                #expect(response.headers[.contentDisposition]?.contains("service-names-port-numbers.xml") == true)
            }
        }
    }

    @Test("one request over a real socket")
    func live() async throws {
        let (app, _) = try Self.application()
        try await app.test(.live) { client in
            try await client.execute(uri: "/en/ports/3301", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Known Unauthorized Use on port 3301"))
            }
        }
    }
}
