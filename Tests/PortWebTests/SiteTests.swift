import Foundation
import PortKnowledge
import PortRegistry
import PortReport
import PortServer
import PortStore
import PortTestSupport
import PortUpdate
import PortWeb
import Testing

/// A real store file with the small fixture imported, the bundled knowledge and the site's resources.
struct WebFixture {
    let store: RegistryStore
    let storePath: String
    let resources: SiteResources
    let pages: SitePages

    /// - Parameters:
    ///   - extraKnowledge: knowledge files or folders read beside the bundled ones, as `--knowledge` reads them.
    ///   - location: where the import says the registry came from (a path or a URL).
    init(extraKnowledge: [String] = [], location: String = "registry-small.xml") throws {
        storePath = try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path
        store = try RegistryStore(path: storePath)
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        let document = try RegistryXMLDecoder.decode(bytes, source: "registry-small.xml")
        _ = try store.importRegistry(document, from: .init(location: location, bytes: bytes, format: .xml))
        resources = try SiteResources.load(folder: TestData.webResources)
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil, extra: extraKnowledge))
        pages = try SitePages(site: Site(languages: resources.languages, products: knowledge.products), store: store, knowledge: knowledge)
    }
}

@Suite("The site's pages")
struct SiteTests {
    @Test("text is escaped everywhere, attributes too")
    func escaping() {
        var html = HTML()
        html.element("p", ["title": "a\"b<c>"], text: "<script>alert('x') & co</script>")
        #expect(html.text == "<p title=\"a&quot;b&lt;c&gt;\">&lt;script&gt;alert(&#39;x&#39;) &amp; co&lt;/script&gt;</p>")
    }

    @Test("every language has every English key, and nothing English lacks")
    func translationsComplete() throws {
        let resources = try SiteResources.load(folder: TestData.webResources)
        let english = resources.languages.english
        #expect(resources.languages.all.map(\.code) == ["en", "uk"])
        for language in resources.languages.all {
            #expect(language.messages == english.messages, "\(language.code): \(english.messages.symmetricDifference(language.messages).sorted())")
            // A counted string has every form the language's plural rules can ask for.
            for message in english.messages where !english.pluralForms(of: message).isEmpty {
                let needed = PluralCategory.needed(language: language.code)
                #expect(language.pluralForms(of: message) == needed, "\(language.code): \(message) has \(language.pluralForms(of: message))")
            }
        }
        #expect(resources.languages.language(code: "uk")?("vote.question") == "Ця сторінка була корисною?")
    }

    @Test("Accept-Language picks the best language the site speaks, English otherwise")
    func negotiation() throws {
        let languages = try SiteResources.load(folder: TestData.webResources).languages
        #expect(languages.negotiate("uk-UA,uk;q=0.9,en;q=0.8").code == "uk")
        #expect(languages.negotiate("de-DE, en;q=0.5, uk;q=0.7").code == "uk")
        #expect(languages.negotiate("fr").code == "en")
        #expect(languages.negotiate(nil).code == "en")
        #expect(languages.negotiate("uk;q=0").code == "en")
    }

    @Test("the port page has every section, the registry's entry, the cited use, the vote form, in both languages")
    func portPage() async throws {
        let fixture = try WebFixture()
        let english = String(decoding: try await fixture.pages.port(3331, fixture.resources.languages.english).body, as: UTF8.self)
        for id in ["registry", "range", "uses", "neighbours", "security", "check", "sources", "vote"] {
            #expect(english.contains("id=\"\(id)\""), "missing section \(id)")
        }
        #expect(english.contains("<title>What port 3331 is — portatlas</title>"))
        #expect(english.contains("href=\"/en/services/mcs-messaging\">mcs-messaging</a>"))
        #expect(english.contains("Oracle Key Manager (OKM)"))
        #expect(english.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"/uk/ports/3331\">"))
        #expect(english.contains("<form method=\"post\" action=\"/en/ports/3331/vote\">"))
        let ukrainian = String(
            decoding: try await fixture.pages.port(3331, try #require(fixture.resources.languages.language(code: "uk"))).body,
            as: UTF8.self
        )
        #expect(ukrainian.contains("<html lang=\"uk\">"))
        #expect(ukrainian.contains("Ця сторінка була корисною?"))
        #expect(ukrainian.contains("mcs-messaging"))
    }

    @Test("a vote is stored, limited per client, counted on the page, and survives reopening the store")
    func votes() async throws {
        let fixture = try WebFixture()
        let english = fixture.resources.languages.english
        #expect(try await fixture.pages.vote(Vote(page: "/ports/3331", language: "en", helpful: true, comment: " useful ", client: "a")) == .recorded)
        #expect(try await fixture.pages.vote(Vote(page: "/ports/3331", language: "uk", helpful: false, comment: nil, client: "a")) == .limited)
        #expect(try await fixture.pages.vote(Vote(page: "/ports/3331", language: "uk", helpful: false, comment: nil, client: "b")) == .recorded)
        #expect(try fixture.store.reader().tally(page: "/ports/3331") == VoteTally(yes: 1, no: 1))
        #expect(try fixture.store.reader().votes(page: "/ports/3331").compactMap(\.comment) == ["useful"])
        let page = String(decoding: try await fixture.pages.port(3331, english).body, as: UTF8.self)
        #expect(page.contains("1 found this page helpful; 1 did not."))
        let reopened = try RegistryStore(path: fixture.storePath).reader()
        #expect(try reopened.tally(page: "/ports/3331") == VoteTally(yes: 1, no: 1))
        #expect(try reopened.voteCount() == 2)
    }

    @Test("a vote keeps no client; client keys live apart and are deleted once the limits' window has passed")
    func votesForgetClients() async throws {
        let fixture = try WebFixture()
        let now = Date()
        #expect(
            try await fixture.store.record(Vote(page: "/ports/1", language: "en", helpful: true, comment: nil, client: "k1"), at: now) == .recorded
        )
        #expect(try fixture.store.clientKeys() == ["k1"])
        let later = now.addingTimeInterval(RegistryStore.clientKeyLifetime + 1)
        #expect(
            try await fixture.store.record(Vote(page: "/ports/2", language: "en", helpful: true, comment: nil, client: "k2"), at: later) == .recorded
        )
        #expect(try fixture.store.clientKeys() == ["k2"])
        let columns = try fixture.store.reader().votes().map(\.page)
        #expect(columns == ["/ports/1", "/ports/2"])
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "python3", "-c", "import sqlite3,sys; print([r[1] for r in sqlite3.connect(sys.argv[1]).execute('PRAGMA table_info(vote)')])",
            fixture.storePath,
        ]
        let pipe = Pipe()
        sqlite.standardOutput = pipe
        try sqlite.run()
        sqlite.waitUntilExit()
        let schema = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(schema.contains("'page'"))
        #expect(!schema.contains("client"))
    }

    @Test("one client may not stuff the box: at most one vote a page a day, and a cap an hour")
    func voteLimits() async throws {
        let fixture = try WebFixture()
        let now = Date()
        var recorded = 0
        for port in 0..<40 {
            let vote = Vote(page: "/ports/\(port)", language: "en", helpful: true, comment: nil, client: "198.51.100.7")
            if try await fixture.store.record(vote, at: now) == .recorded { recorded += 1 }
        }
        #expect(recorded == RegistryStore.votesPerClientPerHour)
        // A day later the same page takes a vote again.
        let later = Vote(page: "/ports/0", language: "en", helpful: false, comment: nil, client: "198.51.100.7")
        #expect(try await fixture.store.record(later, at: now.addingTimeInterval(86401)) == .recorded)
    }

    @Test("the export writes the same bytes the pages are rendered with, and the site's files")
    func export() async throws {
        let fixture = try WebFixture()
        let folder = try TestData.temporaryFolder().path
        let summary = try await SiteExport(pages: fixture.pages, resources: fixture.resources).write(to: folder, ports: 3325...3340) { _, _ in }
        for language in fixture.resources.languages.all {
            let written = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(language.code)/ports/3331/index.html"))
            #expect(Array(written) == (try await fixture.pages.port(3331, language).body))
        }
        for file in [
            "index.html", "robots.txt", "sitemap.xml", "sitemaps/0.xml", "assets/site.css", "openapi.json", "registry.csv", "registry.xml",
            "registry.html", "registry.txt",
            "uk/registry/index.html",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "missing \(file)")
        }
        #expect(summary.files >= 16 * 2 + 9)
    }
}
