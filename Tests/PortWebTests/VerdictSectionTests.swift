import Foundation
import PortServer
import PortTestSupport
import PortWeb
import Testing

@Suite("The port page's verdict")
struct VerdictSectionTests {
    @Test("every port page asks whether to pick the port, answers with the machine-independent verdict and its cited reasons")
    func verdictSection() async throws {
        let fixture = try WebFixture()
        let english = String(decoding: try await fixture.pages.port(6000, fixture.resources.languages.english).body, as: UTF8.self)
        #expect(english.contains("<h2 id=\"verdict\">Should you pick 6000 for a new app?</h2>"))
        #expect(english.contains("<strong>Better not: pick another port.</strong>"))
        #expect(english.contains("href=\"https://fetch.spec.whatwg.org/#port-blocking\""))
        #expect(english.contains("portatlas check 6000"))
        let uses = String(decoding: try await fixture.pages.port(3000, fixture.resources.languages.english).body, as: UTF8.self)
        #expect(uses.contains(##"<a href="#uses">"##) && uses.contains("known programs use 3000 (listed above)</a>"))
        // The machine's reasons are `check`'s: a page cannot see the reader's machine.
        #expect(!english.contains("this machine&#39;s ephemeral range") && !english.contains("listens on it here"))

        let ukrainian = String(
            decoding: try await fixture.pages.port(3331, try #require(fixture.resources.languages.language(code: "uk"))).body,
            as: UTF8.self
        )
        #expect(ukrainian.contains("<h2 id=\"verdict\">Чи брати 3331 для нового застосунку?</h2>"))
        #expect(
            ukrainian.contains(
                "3331/tcp закріплено за службою <span lang=\"en\">mcs-messaging</span> (<span lang=\"en\">MCS Messaging</span>)"
            )
        )
    }

    @Test(
        "a Ukrainian page says every reason in Ukrainian, marking only the registry's and the knowledge's text as English",
        arguments: [0, 1, 6000, 12345, 31337, 50000, 3331, 1024]
    )
    func ukrainianReasons(port: Int) async throws {
        let fixture = try WebFixture()
        let ukrainian = try #require(fixture.resources.languages.language(code: "uk"))
        let page = String(decoding: try await fixture.pages.port(UInt16(port), ukrainian).body, as: UTF8.self)
        let verdict = try Self.verdict(of: page)
        #expect(verdict.contains("Чи брати \(port) для нового застосунку?"))
        for english in [
            "is assigned to", "is reserved", "assigned to no service", "default dynamic", "picks source ports", "used it (",
            "firewalls and scanners", "browsers refuse", "no service can be reached", "Never assigned", "Assigned by IANA",
            "Ports,", "cannot bind",
        ] {
            #expect(!verdict.contains(english), "\(port): \(english)")
        }
    }

    @Test("the English page says each reason as check does")
    func englishReasons() async throws {
        let fixture = try WebFixture()
        let english = fixture.resources.languages.english
        func page(_ port: UInt16) async throws -> String {
            String(decoding: try await fixture.pages.port(port, english).body, as: UTF8.self)
        }
        #expect(try await page(3331).contains("3331/tcp is assigned to mcs-messaging (MCS Messaging)"))
        #expect(try await page(0).contains("port 0 is reserved: no service can be reached on it"))
        #expect(try await page(31337).contains("used it (remote-control backdoor): firewalls and scanners may still flag it"))
        #expect(try await page(50000).contains("picks source ports for outgoing connections from 32768–60999 by default (default local"))
        let dynamic = try await page(50000)
        #expect(!(try Self.verdict(of: dynamic)).contains("lang="))
    }

    /// The verdict section of a port page.
    static func verdict(of page: String) throws -> Substring {
        let start = try #require(page.range(of: "<section aria-labelledby=\"verdict\">"))
        let end = try #require(page[start.upperBound...].range(of: "</section>"))
        return page[start.lowerBound..<end.upperBound]
    }
}
