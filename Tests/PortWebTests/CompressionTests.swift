import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PortTestSupport
import Testing

@Suite("Compressed responses")
struct CompressionTests {
    static func inflate(_ buffer: ByteBuffer) throws -> [UInt8] {
        var compressed = buffer
        let inflated = try compressed.decompress(with: .gzip())
        return Array(inflated.readableBytesView)
    }

    @Test(
        "a client that asks for gzip gets the page's bytes gzipped, with their own ETag and Vary",
        arguments: ["/en/ports/3331", "/api/v1/ports/3331", "/registry.xml", "/registry.csv", "/sitemaps/0.xml", "/openapi.json"]
    )
    func gzip(_ path: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            let plain = try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.vary]?.contains("Accept-Encoding") == true)
                return (Array(response.body.readableBytesView), try #require(response.headers[.eTag]))
            }
            let etag = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8, *;q=0.1"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary]?.contains("Accept-Encoding") == true)
                #expect(response.body.readableBytes < plain.0.count)
                #expect(try Self.inflate(response.body) == plain.0)
                let etag = try #require(response.headers[.eTag])
                #expect(etag != plain.1)
                return etag
            }
            try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            // The gzip ETag does not validate the plain bytes.
            try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == plain.0)
            }
        }
    }

    @Test("gzip refused with q=0, or not asked for, means the plain bytes", arguments: ["gzip;q=0", "identity", "deflate", "*;q=0"])
    func refused(_ acceptEncoding: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/ports/3331", method: .get, headers: [.acceptEncoding: acceptEncoding]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(String(buffer: response.body).contains("<h1>What port 3331 is</h1>"))
            }
        }
    }

    @Test("a small body goes as it is, and says it does not vary")
    func small() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/robots.txt", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.vary] == nil)
            }
        }
    }

    @Test("over a real socket, Content-Length is the compressed length")
    func contentLength() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.live) { client in
            try await client.execute(uri: "/registry.xml", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            }
        }
    }
}
