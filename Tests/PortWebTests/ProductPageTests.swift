import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortKnowledge
import PortServer
import PortTestSupport
import PortWeb
import Testing

/// The product pages, on the fictional products of `Tests/Fixtures/knowledge-products` read beside the bundled
/// knowledge, so the checks hold whatever the bundled files grow into.
@Suite("Product pages")
struct ProductPageTests {
    static let knowledgeFolder = TestData.fixture("knowledge-products").path

    static func text(_ page: Page) -> String { String(decoding: page.body, as: UTF8.self) }
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The application on the small fixture registry, with the fixture products.
    static func application() throws -> (some ApplicationProtocol, WebFixture) {
        let fixture = try WebFixture()
        var logger = Logger(label: "test")
        logger.logLevel = .error
        let configuration = ServerConfiguration(
            port: 0,
            storePath: fixture.storePath,
            knowledge: [knowledgeFolder],
            resourceFolder: TestData.webResources
        )
        return (try buildApplication(configuration, logger: logger), fixture)
    }

    @Test("a product's page: name, field, aliases, home page, every port linked, each source footnoted with its URL and date")
    func productPage() throws {
        let fixture = try WebFixture(extraKnowledge: [Self.knowledgeFolder])
        let english = fixture.resources.languages.english
        let page = try fixture.pages.product(slug: "quillbook", english)
        #expect(page.status == 200)
        let html = Self.text(page)
        #expect(html.contains("<title>Quillbook Notebook Server: ports and sources — portatlas</title>"))
        #expect(html.contains("<h1>Quillbook Notebook Server</h1>"))
        #expect(html.contains("<p class=\"lead\">2 ports and ranges on record.</p>"))
        #expect(html.contains("<dd><a href=\"/en/products?field=ai-and-data\">AI and data science</a></dd>"))
        #expect(html.contains("<dt>Also known as</dt><dd>QuillLab, qnb</dd>"))
        #expect(html.contains("<a href=\"https://quillbook.example/\" rel=\"external\">https://quillbook.example/</a>"))
        #expect(
            html.contains(
                "<th scope=\"row\"><a href=\"/en/ports/3339\">3339</a></th><td data-label=\"Protocols\">tcp</td><td data-label=\"Purpose\">notebook web interface and REST API</td>"
            )
        )
        #expect(
            html.contains(
                "<th scope=\"row\"><a href=\"/en/ports/3340\">3340</a></th><td data-label=\"Protocols\">udp</td><td data-label=\"Purpose\">kernel heartbeat</td>"
            )
        )
        // Text from a knowledge file is text, escaped, never markup; a URL's & is escaped in its attribute.
        #expect(
            html.contains(
                "<td data-label=\"Note\">Starts on the next free port when 3339 is taken; &lt;b&gt;check&lt;/b&gt; the log &amp; the &quot;URL&quot; it prints.</td>"
            )
        )
        #expect(!html.contains("<b>check</b>"))
        #expect(
            html.contains(
                "<li id=\"source-1\"><a href=\"https://quillbook.example/docs/running?lang=en&amp;v=2\" rel=\"external\">Quillbook documentation, &quot;Running the server&quot;</a> (retrieved <time datetime=\"2026-11-30\">2026-11-30</time>)</li>"
            )
        )
        #expect(html.contains("<li id=\"source-2\"><a href=\"https://quillbook.example/docs/kernels\""))
        #expect(html.contains("<a href=\"#source-2\" aria-label=\"source 2\">[2]</a>"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"/uk/products/quillbook\">"))

        let ukrainian = Self.text(try fixture.pages.product(slug: "quillbook", try #require(fixture.resources.languages.language(code: "uk"))))
        #expect(ukrainian.contains("<html lang=\"uk\">"))
        #expect(ukrainian.contains("<title>Quillbook Notebook Server: порти та джерела — portatlas</title>"))
        #expect(ukrainian.contains("<dd><a href=\"/uk/products?field=ai-and-data\">ШІ та наука про дані</a></dd>"))
        #expect(ukrainian.contains("(переглянуто <time datetime=\"2026-11-30\">2026-11-30</time>)"))

        let range = Self.text(try fixture.pages.product(slug: "zephyr-cache", english))
        #expect(range.contains("<a href=\"/en/ports/3360-3362\">3360-3362</a>"))
        #expect(!range.contains("Also known as</dt><dd></dd>"))
        #expect(!range.contains("Home page"))

        let unknown = try fixture.pages.product(slug: "no-such-product", english)
        #expect(unknown.status == 404)
        #expect(Self.text(unknown).contains("No product has the address “no-such-product”."))
    }

    @Test("the products A–Z: grouped by first letter, digits first, with field and ports; a field filter")
    func index() throws {
        let fixture = try WebFixture(extraKnowledge: [Self.knowledgeFolder])
        let english = fixture.resources.languages.english
        let html = Self.text(try fixture.pages.productIndex(english))
        #expect(html.contains("<h1>Products A–Z</h1>"))
        let digits = try #require(html.range(of: "<h2 id=\"letter-digits\">0–9</h2>"))
        let q = try #require(html.range(of: "<h2 id=\"letter-q\">Q</h2>"))
        let z = try #require(html.range(of: "<h2 id=\"letter-z\">Z</h2>"))
        #expect(digits.lowerBound < q.lowerBound && q.lowerBound < z.lowerBound)
        #expect(html.contains("<a href=\"#letter-q\">Q</a>"))
        #expect(html.contains("<li><a href=\"/en/products/quillbook\">Quillbook Notebook Server</a> — AI and data science · 3339/tcp, 3340/udp</li>"))
        #expect(html.contains("<li><a href=\"/en/products/9relay\">9Relay</a> — VPNs and remote access · 3337/tcp+udp</li>"))
        // Every catalogued product is listed, the bundled ones too.
        for product in try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil)).products {
            #expect(html.contains("href=\"/en/products/\(product.slug)\""), "missing \(product.slug)")
        }

        let databases = Self.text(try fixture.pages.productIndex(field: .databases, english))
        #expect(databases.contains("<h1>Products A–Z: Databases, caches and search engines</h1>"))
        #expect(databases.contains("href=\"/en/products/zephyr-cache\""))
        #expect(!databases.contains("href=\"/en/products/quillbook\""))
        #expect(databases.contains("<option value=\"databases\" selected=\"\">"))
    }

    @Test("a port page links each use to its product's page; the search page lists products above registry entries")
    func linksAndSearch() async throws {
        let fixture = try WebFixture(extraKnowledge: [Self.knowledgeFolder])
        let english = fixture.resources.languages.english
        let port = Self.text(try await fixture.pages.port(3339, english))
        #expect(port.contains("<a href=\"/en/products/quillbook\"><strong>Quillbook Notebook Server</strong></a>"))
        #expect(port.contains("href=\"/en/products\">Products A–Z</a>"))

        let search = Self.text(try fixture.pages.search("satvid", english))
        #expect(!search.contains("<h2 id=\"products\">"))
        let byAlias = Self.text(try fixture.pages.search("QuillLab", english))
        #expect(
            byAlias.contains(
                "<h2 id=\"products\">Products</h2><ul class=\"products\"><li><a href=\"/en/products/quillbook\">Quillbook Notebook Server</a>"
            )
        )
    }

    @Test("the sitemap lists every product page and the A–Z in every language")
    func sitemap() throws {
        let fixture = try WebFixture(extraKnowledge: [Self.knowledgeFolder])
        var maps = ""
        var part = 0
        while let map = fixture.pages.site.sitemap(part: part) {
            maps += map
            part += 1
        }
        for language in ["en", "uk"] {
            for path in ["/products", "/products/quillbook", "/products/zephyr-cache", "/products/9relay", "/products/oracle-key-manager"] {
                #expect(maps.contains("<loc>/\(language)\(path)</loc>"), "missing /\(language)\(path)")
            }
        }
    }

    @Test("the export writes the A–Z and every product's page in every language, the bytes the server sends")
    func export() async throws {
        let fixture = try WebFixture(extraKnowledge: [Self.knowledgeFolder])
        let folder = try TestData.temporaryFolder().path
        _ = try await SiteExport(pages: fixture.pages, resources: fixture.resources).write(to: folder, ports: 3339...3339) { _, _ in }
        for language in fixture.resources.languages.all {
            for slug in fixture.pages.productSlugs {
                let written = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(language.code)/products/\(slug)/index.html"))
                #expect(Array(written) == (try fixture.pages.product(slug: slug, language).body))
            }
            let index = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(language.code)/products/index.html"))
            #expect(Array(index) == (try fixture.pages.productIndex(language).body))
        }
        #expect(fixture.pages.productSlugs.contains("quillbook"))
    }

    @Test("routes: a product's page in en and uk, the A–Z, a field, 404s for an unknown slug or field, with the bad value escaped")
    func pageRoutes() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/products/quillbook", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Self.text(response).contains("<h1>Quillbook Notebook Server</h1>"))
            }
            try await client.execute(uri: "/uk/products/quillbook", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("<h2 id=\"ports\">Порти</h2>"))
            }
            try await client.execute(uri: "/products/quillbook", method: .get, headers: [.acceptLanguage: "uk"]) { response in
                #expect(Self.text(response).contains("<html lang=\"uk\">"))
                #expect(response.headers[.vary] == "Accept-Encoding, Accept-Language")
            }
            try await client.execute(uri: "/en/products", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("href=\"/en/products/zephyr-cache\""))
            }
            try await client.execute(uri: "/uk/products?field=databases", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("<h1>Продукти від A до Z: Бази даних, кеші та пошукові рушії</h1>"))
            }
            try await client.execute(uri: "/en/products?field=%3Ctoys%3E", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("There is no field called “&lt;toys&gt;”."))
            }
            // A path segment's & and ' are escaped on the page (the same undecoded or decoded).
            try await client.execute(uri: "/en/products/x&y'z", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("<p class=\"lead\">No product has the address “x&amp;y&#39;z”."))
            }
            // A name or an alias in place of the slug goes to the product's page.
            try await client.execute(uri: "/uk/products/quilllab", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/uk/products/quillbook")
            }
            try await client.execute(uri: "/en/products/quillbook-notebook-server", method: .get) { response in
                #expect(response.headers[.location] == "/en/products/quillbook")
            }
            try await client.execute(uri: "/xx/products/quillbook", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("routes: the product's JSON, a 404 error for an unknown slug, search that finds a product by alias")
    func apiRoutes() async throws {
        let (app, _) = try Self.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/quillbook", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any])
                #expect(object["product"] as? String == "Quillbook Notebook Server")
                #expect(object["slug"] as? String == "quillbook")
                #expect((object["field"] as? [String: Any])?["id"] as? String == "ai-and-data")
                #expect(object["aliases"] as? [String] == ["QuillLab", "qnb"])
                #expect(object["homepage"] as? String == "https://quillbook.example/")
                let facts = try #require(object["facts"] as? [[String: Any]])
                #expect(facts.map { $0["portStart"] as? Int } == [3339, 3340])
                #expect((facts[0]["source"] as? [String: Any])?["url"] as? String == "https://quillbook.example/docs/running?lang=en&v=2")
                #expect((facts[0]["source"] as? [String: Any])?["retrieved"] as? String == "2026-11-30")
            }
            try await client.execute(uri: "/api/v1/products/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json")
                #expect(Self.text(response) == "{\"error\":{\"code\":\"unknownProduct\",\"message\":\"no product has the slug nope\"}}\n")
            }
            try await client.execute(uri: "/api/v1/search?q=qnb", method: .get) { response in
                // One `products` key: a duplicate key is JSON most parsers read as one of the two.
                #expect(Self.text(response).components(separatedBy: "\"products\":").count == 2)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any])
                let products = try #require(object["products"] as? [[String: Any]])
                #expect(products.first?["slug"] as? String == "quillbook")
                #expect(products.first?["score"] as? Int == 3)
                #expect(products.first?["ports"] as? [String] == ["3339/tcp", "3340/udp"])
                #expect(object["entries"] is [Any])
            }
            try await client.execute(uri: "/api/v1/search?q=", method: .get) { response in
                #expect(Self.text(response).contains("\"products\":[]"))
            }
            try await client.execute(uri: "/en/search?q=quilllab", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("<a href=\"/en/products/quillbook\">Quillbook Notebook Server</a>"))
            }
        }
    }
}
