import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PortRegistry
import PortServer
import PortStore
import PortTestSupport
import PortUpdate
import PortWeb
import Testing

@Suite("Registry changes, a port's history and IANA's formats on the site")
struct ChangesPageTests {
    /// The small fixture, then a later version in which tarantool is renamed on 3301 and discard's
    /// description holds markup.
    static func application(secondVersion: Bool = true) throws -> (some ApplicationProtocol, WebFixture) {
        let fixture = try WebFixture()
        if secondVersion {
            let xml = String(decoding: try TestData.fixtureBytes("registry-small.xml"), as: UTF8.self)
                .replacingOccurrences(of: "<updated>2026-01-15</updated>", with: "<updated>2026-02-01</updated>")
                .replacingOccurrences(of: "<name>tarantool</name>", with: "<name>tarantool-db</name>")
                .replacingOccurrences(of: "<description>Discard</description>", with: "<description>Discard &lt;script&gt;x</description>")
            let bytes = Array(xml.utf8)
            let document = try RegistryXMLDecoder.decode(bytes, source: "next.xml")
            _ = try fixture.store.importRegistry(document, from: .init(location: "next.xml", bytes: bytes, format: .xml))
        }
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let configuration = ServerConfiguration(port: 0, storePath: fixture.storePath, resourceFolder: TestData.webResources)
        return (try buildApplication(configuration, logger: logger), fixture)
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text(response).utf8)) as? [String: Any])
    }

    @Test("the changes page, in English and Ukrainian, grouped, escaped, cached with an ETag")
    func changesPage() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: "/en/registry/changes", method: .get) { response -> String in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("<h1>Registry changes from 2026-01-15 to 2026-02-01</h1>"))
                #expect(html.contains("Renamed (2)"))
                #expect(html.contains("tarantool → tarantool-db"))
                #expect(html.contains("<ins>Discard &lt;script&gt;x</ins>"))
                #expect(!html.contains("<script>"))
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/en/registry/changes", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/uk/registry/changes/1..2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Перейменовано (2)"))
                #expect(Self.text(response).contains("змінено: 1, перейменовано: 2"))
            }
            try await client.execute(uri: "/en/registry/changes/2026-01-15..2026-02-01", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/en/registry/changes/1..9", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("There is no registry version “9”."))
            }
        }
    }

    @Test("the changes API: the diff's JSON; an unknown version or too few versions is a 404 naming it")
    func changesAPI() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/registry/changes/1..2", method: .get) { response in
                #expect(response.status == .ok)
                let json = try Self.json(response)
                #expect((json["counts"] as? [String: Int]) == ["added": 0, "removed": 0, "changed": 1, "renamed": 2, "released": 0])
            }
            try await client.execute(uri: "/api/v1/registry/changes/1..9", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "unknownVersion")
            }
            try await client.execute(uri: "/api/v1/registry/changes/nonsense", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/registry/versions", method: .get) { response in
                let versions = try #require(try Self.json(response)["versions"] as? [[String: Any]])
                #expect(versions.count == 2)
            }
        }
        let (single, _) = try Self.application(secondVersion: false)
        try await single.test(.router) { client in
            try await client.execute(uri: "/en/registry/changes", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Changes need two registry versions; this site has 1."))
            }
            try await client.execute(uri: "/api/v1/registry/changes", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "tooFewVersions")
            }
        }
    }

    @Test("a port's history: linked from its page, the rename in both languages, and the JSON")
    func portHistory() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/ports/3301", method: .get) { response in
                #expect(Self.text(response).contains("<a href=\"/en/ports/3301/history\">This port across the registry&#39;s versions</a>"))
            }
            try await client.execute(uri: "/en/ports/3301/history", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("tarantool → tarantool-db"))
            }
            try await client.execute(uri: "/uk/ports/3301/history", method: .get) { response in
                #expect(Self.text(response).contains("<h1>Порт 3301 у версіях реєстру</h1>"))
            }
            try await client.execute(uri: "/api/v1/ports/3301/history", method: .get) { response in
                let steps = try #require(try Self.json(response)["versions"] as? [[String: Any]])
                #expect(steps.count == 2)
            }
            try await client.execute(uri: "/api/v1/ports/abc/history", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("/registry.html and /registry.txt are the bytes `export` writes")
    func formats() async throws {
        let (app, fixture) = try Self.application(secondVersion: false)
        let document = try #require(try fixture.store.reader().currentDocument())
        try await app.test(.router) { client in
            for format in RegistryExportFormat.allCases {
                try await client.execute(uri: "/registry.\(format.rawValue)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == format.contentType)
                    #expect(Self.text(response) == format.encode(document))
                }
            }
        }
    }
}
