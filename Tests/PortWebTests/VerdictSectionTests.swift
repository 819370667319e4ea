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
        #expect(ukrainian.contains("<span lang=\"en\">3331/tcp is assigned to mcs-messaging (MCS Messaging)</span>"))
    }
}
