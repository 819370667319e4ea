import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortKnowledge
import PortRegistry
import PortReport
import PortServer
import PortStore
import PortTestSupport
import PortUpdate
import PortWeb
import Testing

@Suite("The atlas, the home page and the icon")
struct AtlasTests {
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The cells a path of the atlas draws, as port numbers: `M x y.5 h w` starts a row's run, `m dx 0 h w`
    /// moves along the row from the last run's end (`h0` is a dot).
    static func cells(in path: String, columns: Int = 256) -> Set<Int> {
        var cells = Set<Int>()
        let scanner = Scanner(string: path)
        scanner.charactersToBeSkipped = CharacterSet(charactersIn: " ")
        var x = 0.0
        var y = 0.0
        while !scanner.isAtEnd {
            guard let command = scanner.scanCharacter(), let first = scanner.scanDouble() else { break }
            switch command {
            case "M":
                x = first
                y = scanner.scanDouble() ?? 0
            case "m":
                x += first
                _ = scanner.scanDouble()
            case "h":
                let row = Int(y.rounded(.down))
                let start = Int(x.rounded(.down))
                if first == 0 { cells.insert(row * columns + start) }
                for column in start..<start + Int(first) { cells.insert(row * columns + column) }
                x += first
            default: return cells
            }
        }
        return cells
    }

    /// The `d` of the path with class `name` in `html`.
    static func path(_ name: String, in html: String) throws -> String {
        let marker = "<path class=\"\(name)\" d=\""
        let start = try #require(html.range(of: marker), "no path \(name)").upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    @Test("the atlas classes ports as the registry does and marks the unofficial uses the knowledge knows")
    func model() throws {
        let fixture = try WebFixture()
        let atlas = try #require(try fixture.pages.atlas())
        #expect(atlas.kind(of: 3331) == .both)
        #expect(atlas.kind(of: 3330) == .tcp)
        #expect(atlas.kind(of: 550) == .udp)
        #expect(atlas.kind(of: 9) == .other)  // DCCP only
        #expect(atlas.kind(of: 3368) == .other)  // no protocol
        #expect(atlas.kind(of: 0) == .reserved)
        #expect(atlas.kind(of: 4) == .unassigned)
        #expect(atlas.kind(of: 5432) == .unassigned)
        #expect(atlas.nameOnly == 1)  // argus
        // PostgreSQL's port is unassigned in the fixture: a use of it is unofficial. MySQL on 3306 speaks the
        // registered service: not marked.
        #expect(atlas.hasUnofficialUse(5432))
        #expect(!atlas.hasUnofficialUse(3306))
        let all = atlas.counts(in: 0...65535)
        #expect(all.kinds.reduce(0, +) == 65536)
    }

    @Test("/en/atlas and /uk/atlas: every row a link, the registry's kinds as coloured runs, the dots, the legend", arguments: ["en", "uk"])
    func atlasPage(language: String) async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/\(language)/atlas", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("<html lang=\"\(language)\">"))
                // A row of the picture links to its records, and the table of rows carries the same link as text.
                #expect(html.contains("<a href=\"/\(language)/ports/3328-3583\" tabindex=\"-1\"><rect y=\"13\""))
                #expect(html.contains("<th scope=\"row\"><a href=\"/\(language)/ports/3328-3583\">3328–3583</a></th>"))
                #expect(html.components(separatedBy: "tabindex=\"-1\"><rect y=").count - 1 == 256)
                let both = Self.cells(in: try Self.path("k-both", in: html))
                #expect(both == [3301, 3331])
                let tcp = Self.cells(in: try Self.path("k-tcp", in: html))
                #expect(tcp.isSuperset(of: [1, 1021, 3306, 3330, 3332, 40100]) && !tcp.contains(3331))
                #expect(Self.cells(in: try Self.path("k-reserved", in: html)) == [0, 2])
                let dots = Self.cells(in: try Self.path("mk", in: html))
                #expect(dots.contains(5432) && !dots.contains(3306))
                for kind in PortAtlas.Kind.allCases where kind != .unassigned {
                    #expect(html.contains("<span class=\"swatch k-\(kind.name)\" aria-hidden=\"true\"></span>"))
                }
                #expect(html.contains("<span class=\"swatch dot\" aria-hidden=\"true\"></span>"))
                #expect(html.contains(language == "en" ? "Assigned on TCP and UDP" : "Призначено для TCP і UDP"))
            }
        }
    }

    @Test("a port page shows its block of 64 on the map, each port a link, the port outlined")
    func neighbourhood() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/ports/3331", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("<a href=\"/en/ports/3331\" tabindex=\"-1\"><rect class=\"k-both\" x=\"3\" y=\"0\""))
                #expect(html.contains("<a href=\"/en/ports/3330\" tabindex=\"-1\"><rect class=\"k-tcp\" x=\"2\" y=\"0\""))
                #expect(html.contains("<a href=\"/en/ports/3333\" tabindex=\"-1\"><rect class=\"u-user\" x=\"5\" y=\"0\""))
                #expect(html.contains("<rect class=\"here\" x=\"3\" y=\"0\""))
                #expect(html.contains("<a href=\"/en/atlas#row-13\">"))
                #expect(html.components(separatedBy: "tabindex=\"-1\"><rect class=").count - 1 == 64)
            }
            try await client.execute(uri: "/uk/ports/49153", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("<rect class=\"here\" x=\"1\" y=\"0\""))
                #expect(html.contains("<a href=\"/uk/ports/49153\" tabindex=\"-1\"><rect class=\"u-dynamic\""))
            }
        }
    }

    @Test("a range page shows its rows of the atlas")
    func rangePart() throws {
        let fixture = try WebFixture()
        let page = String(decoding: try fixture.pages.range(.system, fixture.resources.languages.english).body, as: UTF8.self)
        #expect(page.contains("viewBox=\"-30 0 286 4\""))
        #expect(page.contains("<a href=\"/en/ports/768-1023\">768–1023</a>"))
        #expect(!page.contains("/en/ports/1024-1279"))
    }

    @Test("the home page names the popular ports, shows the atlas small and links it, and styles its search")
    func home() async throws {
        let fixture = try WebFixture()
        let english = fixture.resources.languages.english
        let curated = String(decoding: try fixture.pages.home(english).body, as: UTF8.self)
        #expect(curated.contains("<a href=\"/en/ports/3306\"><b>3306</b> MySQL</a>"))
        #expect(curated.contains("<a href=\"/en/ports/5432\"><b>5432</b> PostgreSQL</a>"))
        #expect(curated.contains("Chosen by hand"))
        #expect(curated.contains("<a class=\"atlas-thumb\" href=\"/en/atlas\">"))
        #expect(curated.contains("class=\"big-search\""))
        #expect(!curated.contains("What changed in the last registry update"))

        // With nmap's data, the order is nmap's: the fixture's file ranks 80, 443, 22 first.
        let pages = try SitePages(
            site: fixture.pages.site,
            store: fixture.store,
            knowledge: try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil)),
            nmapServices: TestData.fixture("nmap-services-small").path
        )
        let measured = String(decoding: try pages.home(english).body, as: UTF8.self)
        let order = ["<b>80</b>", "<b>443</b>", "<b>22</b>", "<b>3331</b> mcs-messaging"].map { measured.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(measured.contains("nmap&#39;s scans"))
    }

    @Test("with two versions imported, the home page says what the last update changed")
    func changes() throws {
        let fixture = try WebFixture()
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        var document = try RegistryXMLDecoder.decode(bytes, source: "registry-small.xml")
        document.metadata.updated = "2099-01-02"
        document.entries.removeAll { $0.serviceName == "tarantool" }
        document.entries.append(RegistryEntry(serviceName: "atlas-test", ports: PortSpan(port: 3333), transport: .tcp, description: "Atlas Test"))
        if let index = document.entries.firstIndex(where: { $0.serviceName == "key-manager" }) {
            document.entries[index].description = "Key Manager, renamed"
        }
        _ = try fixture.store.importRegistry(
            document,
            from: .init(location: "registry-newer.xml", sha256: String(repeating: "1", count: 64), format: .xml)
        )
        try fixture.pages.refresh()
        let home = String(decoding: try fixture.pages.home(fixture.resources.languages.english).body, as: UTF8.self)
        #expect(home.contains("What changed in the last registry update"))
        #expect(home.contains("Added: 1</h3>"))
        #expect(home.contains("<a href=\"/en/ports/3333\">3333</a> atlas-test (tcp)"))
        #expect(home.contains("Removed: 2</h3>"))
        #expect(home.contains("<a href=\"/en/ports/3301\">3301</a> tarantool (udp)"))
        #expect(home.contains("Changed: 1</h3>"))
        #expect(home.contains("<a href=\"/en/ports/40100\">40100</a> key-manager (tcp)"))
        let ukrainian = try #require(fixture.resources.languages.language(code: "uk"))
        #expect(String(decoding: try fixture.pages.home(ukrainian).body, as: UTF8.self).contains("Додано: 1</h3>"))
        // The atlas follows the new version.
        #expect(try fixture.pages.atlas()?.kind(of: 3301) == .unassigned)
        #expect(try fixture.pages.atlas()?.kind(of: 3333) == .tcp)
    }

    @Test("/favicon.ico is an icon, kept by browsers for a week; the atlas is in the sitemap and the footer")
    func favicon() async throws {
        let (app, fixture) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/favicon.ico", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/x-icon")
                #expect(response.headers[.cacheControl] == "public, max-age=604800")
                #expect(Array(response.body.readableBytesView.prefix(4)) == [0, 0, 1, 0])
                #expect(Array(response.body.readableBytesView) == fixture.resources.favicon)
            }
            try await client.execute(uri: "/en/", method: .get) { response in
                #expect(Self.text(response).contains("<a href=\"/en/atlas\">The atlas</a>"))
            }
        }
        #expect(fixture.pages.site.sitemap(part: 0)?.contains("<loc>/en/atlas</loc>") == true)
    }

    @Test("the export writes the atlas in every language and the icon, the bytes the server sends")
    func export() async throws {
        let fixture = try WebFixture()
        let folder = try TestData.temporaryFolder().path
        _ = try await SiteExport(pages: fixture.pages, resources: fixture.resources).write(to: folder, ports: 3330...3331) { _, _ in }
        for language in fixture.resources.languages.all {
            let written = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(language.code)/atlas/index.html"))
            #expect(Array(written) == (try fixture.pages.atlasPage(language).body))
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/favicon.ico"))) == fixture.resources.favicon)
    }
}

@Suite("The atlas and the home page on IANA's real registry", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealAtlasTests {
    @Test("the popular ports by the names people know; the 2025 to 2026 update's changes; the atlas's kinds")
    func home() throws {
        let folder = try TestData.temporaryFolder()
        let store = try RegistryStore(path: folder.appendingPathComponent("store.sqlite").path)
        for file in [TestData.olderXML, TestData.currentXML] {
            let bytes = try TestData.snapshotBytes(file)
            _ = try store.importRegistry(try RegistryXMLDecoder.decode(bytes, source: file), from: .init(location: file, bytes: bytes, format: .xml))
        }
        let resources = try SiteResources.load(folder: TestData.webResources)
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil))
        let pages = try SitePages(
            site: Site(languages: resources.languages, products: knowledge.products),
            store: store,
            knowledge: knowledge,
            nmapServices: nil
        )
        let home = String(decoding: try pages.home(resources.languages.english).body, as: UTF8.self)
        for named in ["<b>22</b> ssh", "<b>5432</b> PostgreSQL", "<b>3306</b> MySQL", "<b>443</b> https"] {
            #expect(home.contains(named), "\(named)")
        }
        #expect(home.contains("The registry of 2026-08-17 against the one of 2025-08-26:"))
        #expect(home.contains("Added: 74</h3>") && home.contains("Removed: 26</h3>") && home.contains("Changed: 49</h3>"))
        let atlas = try #require(try pages.atlas())
        #expect(atlas.kind(of: 22) == .both)
        #expect(atlas.kind(of: 3331) == .both)
        #expect(atlas.kind(of: 49152) == .unassigned)
        #expect(atlas.hasUnofficialUse(3331))  // Oracle Key Manager on mcs-messaging's port
        #expect(!atlas.hasUnofficialUse(5432))  // PostgreSQL speaks postgresql
    }
}
