import Foundation
import PortRegistry
import PortReport
import PortStore

extension Site {
    /// IANA's page for the registry: where a reader finds the original.
    public static let ianaRegistryURL = "https://www.iana.org/assignments/service-names-port-numbers/"

    /// Where the answers come from, as a public page says it, in the page's language: IANA's registry of its
    /// date with IANA's address, downloaded from IANA or imported from a local copy; the system's services
    /// database. Never the path or the address the server imported it from: that is the server's business.
    func source(_ source: AnswerSource, language: Language, into html: inout HTML) {
        switch source {
        case .registry(let version):
            html.say(
                language,
                Self.isIANA(version.source) ? "source.downloaded" : "source.localCopy",
                [
                    "registry": .english(Self.registryName),
                    "date": version.updated.map(Slot.date) ?? .text(language("footer.undated")),
                    "url": .link(Self.ianaRegistryURL, href: Self.ianaRegistryURL),
                ]
            )
        case .systemServices(let files):
            html.add(language(files.isEmpty ? "source.nothing" : "source.systemServices"))
        }
    }

    /// Whether the registry was downloaded from IANA's own site (`https://www.iana.org/…`).
    static func isIANA(_ location: String) -> Bool {
        guard let url = URLComponents(string: location), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            return false
        }
        return ["https", "http"].contains(scheme) && (host == "iana.org" || host == "www.iana.org")
    }

    /// What is wrong with a port, range or name from a request, in the page's language.
    public func explanation(of error: RegistryError, language: Language) -> String {
        switch error {
        case .malformedPort(let text): language("error.malformedPort", ["value": Self.quoted(text)])
        case .portOutOfRange(let text): language("error.portOutOfRange", ["value": Self.quoted(text)])
        case .invertedSpan(let text): language("error.invertedSpan", ["value": Self.quoted(text)])
        case .emptyQuery: language("error.emptyQuery")
        case .malformedQuery(let text): language("error.malformedQuery", ["value": Self.quoted(text)])
        // A registry file's faults are the importer's; a page never reads one, but says so if it did.
        case .malformedXML, .malformedCSV, .invalidRecord, .unrecognizedFormat: language("error.registryFile")
        }
    }

    /// A value from a request as a page quotes it: at most 40 characters.
    static func quoted(_ value: String) -> String {
        value.count > 40 ? value.prefix(40) + "…" : value
    }

    /// A footnote mark: a link to the numbered source, labelled in the page's language ("source 1", "джерело 1").
    func footnote(_ number: Int, language: Language, into html: inout HTML) {
        html.open("sup")
        html.element("a", ["href": "#source-\(number)", "aria-label": language("footnote.label", ["number": String(number)])], text: "[\(number)]")
        html.close("sup")
    }
}
