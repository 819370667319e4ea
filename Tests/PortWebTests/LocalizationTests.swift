import Foundation
import HTTPTypes
import HummingbirdTesting
import PortRegistry
import PortServer
import PortStore
import PortTestSupport
import PortWeb
import Testing

@Suite("Plural forms by CLDR's rules")
struct PluralTests {
    static let numbers = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111]

    @Test("English: one for 1, other for the rest")
    func english() {
        let categories = Self.numbers.map { PluralCategory($0, language: "en") }
        #expect(categories == [.other, .one, .other, .other, .other, .other, .other, .other, .other, .other, .other, .other, .other])
    }

    @Test("Ukrainian: one for n%10 = 1 but 11; few for n%10 in 2–4 but 12–14; many for the rest")
    func ukrainian() {
        let categories = Self.numbers.map { PluralCategory($0, language: "uk") }
        #expect(categories == [.many, .one, .few, .few, .many, .many, .many, .many, .one, .few, .many, .one, .many])
    }

    @Test("a fraction takes other in both languages; a whole number written as a fraction takes its integer's form")
    func fractions() {
        #expect(PluralCategory(1.5, language: "en") == .other)
        #expect(PluralCategory(1.5, language: "uk") == .other)
        #expect(PluralCategory(21.0, language: "uk") == .one)
        #expect(PluralCategory(1.0, language: "en") == .one)
    }

    @Test("every counted string picks its form from the strings file")
    func countedStrings() async throws {
        let languages = try SiteResources.load(folder: TestData.webResources).languages
        let english = languages.english
        let ukrainian = try #require(languages.language(code: "uk"))
        #expect(Self.numbers.map { english("answer.count", count: $0) } == Self.numbers.map { "\($0) \($0 == 1 ? "entry" : "entries")." })
        let forms = [
            "0 записів.", "1 запис.", "2 записи.", "4 записи.", "5 записів.", "11 записів.", "12 записів.", "14 записів.", "21 запис.",
            "22 записи.", "25 записів.", "101 запис.", "111 записів.",
        ]
        #expect(Self.numbers.map { ukrainian("answer.count", count: $0) } == forms)
        #expect(english("registry.showing", count: 1, ["page": "1", "pages": "1"]) == "1 record; page 1 of 1.")
        #expect(ukrainian("registry.people", count: 3) == "перелік осіб (3 особи)")
    }
}

@Suite("Both languages, and nothing private, on every page")
struct LocalizationTests {
    static func body(_ page: Page) -> String { String(decoding: page.body, as: UTF8.self) }

    /// Every page type the store can render, in `language`.
    static func pages(_ fixture: WebFixture, _ language: Language) async throws -> [String: String] {
        let pages = fixture.pages
        return [
            "home": body(try pages.home(language)),
            "port": body(try await pages.port(3331, language)),
            "port 3301": body(try await pages.port(3301, language)),
            "range of ports": body(try pages.answer(try PortQuery(parsing: "3360-3375"), path: "/ports/3360-3375", language)),
            "service": body(try pages.answer(try PortQuery(parsing: "tarantool"), path: "/services/tarantool", language)),
            "RFC 6335 range": body(try pages.range(.user, language)),
            "search": body(try pages.search("tarantool", language)),
            "registry": body(try pages.registry(Site.RegistryView(), language)),
            "people": body(try pages.people(page: 1, language)),
        ]
    }

    @Test("no page names the path the registry was imported from; they say a local copy, in the page's language")
    func noImportPath() async throws {
        let path = "/srv/portatlas-private/imports/registry-small.xml"
        let fixture = try WebFixture(location: path)
        for language in fixture.resources.languages.all {
            for (name, page) in try await Self.pages(fixture, language) {
                #expect(!page.contains("portatlas-private"), "\(language.code) \(name) names the import path")
                #expect(!page.contains("registry-small.xml"), "\(language.code) \(name) names the imported file")
            }
        }
        let english = Self.body(try fixture.pages.registry(Site.RegistryView(), fixture.resources.languages.english))
        #expect(english.contains("), imported from a local copy.</dd>"))
        #expect(english.contains("<a href=\"https://www.iana.org/assignments/service-names-port-numbers/\">"))
        let uk = try #require(fixture.resources.languages.language(code: "uk"))
        #expect(Self.body(try await fixture.pages.port(3331, uk)).contains("), імпортований з локальної копії."))
    }

    @Test("a registry downloaded from IANA is said to be, with its date")
    func downloadedFromIANA() async throws {
        let fixture = try WebFixture(location: "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml")
        let page = Self.body(try await fixture.pages.port(3331, fixture.resources.languages.english))
        #expect(page.contains("Registry of <time datetime=\"2026-01-15\">2026-01-15</time> ("))
        #expect(page.contains("), downloaded from IANA."))
    }

    @Test("a count is of what the page shows: tarantool's TCP and UDP records are one card, said as one entry")
    func countsMatchCards() async throws {
        let fixture = try WebFixture()
        let languages = fixture.resources.languages
        let english = Self.body(try fixture.pages.answer(try PortQuery(parsing: "tarantool"), path: "/services/tarantool", languages.english))
        #expect(english.components(separatedBy: "<article class=\"entry\">").count - 1 == 1)
        #expect(english.contains("<p class=\"lead\">1 entry.</p>"))
        let uk = try #require(languages.language(code: "uk"))
        let range = Self.body(try fixture.pages.answer(try PortQuery(parsing: "3330-3332"), path: "/ports/3330-3332", uk))
        let cards = range.components(separatedBy: "<article class=\"entry\">").count - 1
        #expect(range.contains("<p class=\"lead\">\(uk("answer.count", count: cards))</p>"))
    }

    @Test("headings never skip a level, in either language")
    func headingLevels() async throws {
        let fixture = try WebFixture()
        let heading = try Regex("<h([1-6])")
        for language in fixture.resources.languages.all {
            for (name, page) in try await Self.pages(fixture, language) {
                let levels = page.matches(of: heading).compactMap { Int(page[$0.range].dropFirst(2)) }
                #expect(levels.first == 1, "\(name)")
                for (previous, next) in zip(levels, levels.dropFirst()) {
                    #expect(next <= previous + 1, "\(language.code) \(name): h\(previous) then h\(next)")
                }
            }
        }
    }

    @Test("a Ukrainian page marks the registry's and the knowledge's English, labels footnotes in Ukrainian, keeps dates whole")
    func ukrainianPage() async throws {
        let fixture = try WebFixture()
        let uk = try #require(fixture.resources.languages.language(code: "uk"))
        let page = Self.body(try await fixture.pages.port(3331, uk))
        #expect(page.contains("<dt>Опис</dt><dd lang=\"en\">MCS Messaging</dd>"))
        #expect(page.contains("aria-label=\"джерело 1\">[1]</a>"))
        #expect(!page.contains("aria-label=\"source"))
        #expect(page.contains("<span lang=\"en\">Service Name and Transport Protocol Port Number Registry</span>"))
        #expect(page.contains("<time datetime=\"2026-01-15\">2026-01-15</time>"))
        let english = Self.body(try await fixture.pages.port(3331, fixture.resources.languages.english))
        #expect(english.contains("aria-label=\"source 1\">[1]</a>"))
        // An English page marks nothing as English but its root and its own name in the language switcher.
        #expect(english.components(separatedBy: " lang=\"en\"").count - 1 == 2)
    }

    @Test("contacts are mailto links; IANA's asterisk box is a notice")
    func contactsAndNotice() async throws {
        let fixture = try WebFixture()
        let english = fixture.resources.languages.english
        let people = Self.body(try fixture.pages.people(page: 1, english))
        #expect(people.contains("<a href=\"mailto:alexander.turenko@tarantool.org\">alexander.turenko@tarantool.org</a>"))
        #expect(!people.contains(">mailto:"))
        let registry = Self.body(try fixture.pages.registry(Site.RegistryView(), english))
        #expect(
            registry.contains(
                "<aside class=\"notice\" role=\"note\"><p><strong>PLEASE NOTE THE FOLLOWING:</strong> ASSIGNMENT OF A PORT NUMBER DOES NOT IN ANY WAY IMPLY AN ENDORSEMENT OF AN APPLICATION OR PRODUCT.</p></aside>"
            )
        )
        #expect(!registry.contains("****"))
    }

    @Test("a port out of range is explained in the page's language")
    func errorsInUkrainian() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/uk/ports/70000", method: .get) { response in
                let text = RouteTests.text(response)
                #expect(response.status == .notFound)
                #expect(text.contains("«70000» — поза межами: номери портів бувають від 0 до 65535."))
                #expect(!text.contains("out of range"))
            }
            try await client.execute(uri: "/en/ports/70000", method: .get) { response in
                #expect(RouteTests.text(response).contains("“70000” is out of range: port numbers run from 0 to 65535."))
            }
        }
    }
}
