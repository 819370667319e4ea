import PortRegistry
import PortReport

extension Site {
    /// The registry's entries as cards, one per group of entries alike but for protocol (`EntryText.groups`):
    /// the count a page gives is the number of these cards. Each card's heading is an `h2` where the page's
    /// own headings are `h1` alone, an `h3` inside a section.
    func entries(_ groups: [[RegistryEntry]], people: [String: Person], level: HeadingLevel, language: Language, into html: inout HTML) {
        for group in groups {
            html.element("article", ["class": "entry"]) { entry(group, people: people, level: level, language: language, into: &$0) }
        }
    }

    /// One card: the entry's name, ports and protocols as its heading, then every column IANA filled.
    private func entry(_ group: [RegistryEntry], people: [String: Person], level: HeadingLevel, language: Language, into html: inout HTML) {
        let english = HTML.englishAttribute(language)
        let entry = group[0]
        let protocols = group.compactMap(\.transport?.rawValue)
        do {
            let heading: (inout HTML) -> Void = { html in
                if let name = entry.serviceName {
                    html.element("a", ["href": "/\(language.code)/services/\(name.addingPathEscapes)"], text: name)
                } else {
                    html.add(language("entry.status.\(entry.status.rawValue)"))
                }
                html.add(" · ")
                if let ports = entry.ports {
                    html.element("a", ["href": "/\(language.code)/ports/\(ports)"], text: ports.description)
                } else {
                    html.add(language("entry.noPort"))
                }
                html.add(" · ")
                html.add(protocols.isEmpty ? language("entry.noProtocol") : protocols.joined(separator: ", "))
            }
            switch level {
            case .h2: html.element("h2", ["class": "entry-heading"], heading)
            case .h3: html.element("h3", [:], heading)
            }
            html.element("dl") { html in
                func row(_ key: String, _ attributes: KeyValuePairs<StaticString, String?> = [:], _ value: (inout HTML) -> Void) {
                    html.element("dt", text: language(key))
                    html.element("dd", attributes, value)
                }
                if !entry.description.isEmpty { row("entry.description", ["lang": english]) { $0.add(entry.description) } }
                let described = { (ids: [String]) in ids.map { ($0, people[$0]) } }
                let assignees = described(entry.assignees)
                let contacts = described(entry.contacts)
                if assignees.isEmpty && contacts.isEmpty && entry.status == .assigned {
                    row("entry.assignee") { $0.add(language("entry.noneOnRecord")) }
                }
                if !assignees.isEmpty { row("entry.assignee") { Self.people(assignees, language: language, into: &$0) } }
                if !contacts.isEmpty, entry.contacts != entry.assignees {
                    row("entry.contact") { Self.people(contacts, language: language, into: &$0) }
                }
                if let date = entry.registrationDate { row("entry.registered") { $0.date(date) } }
                if let date = entry.modificationDate { row("entry.modified") { $0.date(date) } }
                for reference in entry.references {
                    row("entry.reference") { html in
                        if let url = reference.url {
                            html.element("a", ["href": url, "rel": "external"], text: reference.label)
                        } else {
                            html.english(reference.label, language)
                        }
                    }
                }
                if let code = entry.serviceCode { row("entry.serviceCode") { $0.add(String(code)) } }
                if let notes = entry.notes { row("entry.notes", ["lang": english]) { $0.add(notes) } }
                if entry.status != .assigned {
                    row("entry.status") { $0.add(language("entry.status.\(entry.status.rawValue).explained")) }
                }
                if let history = entry.deassignment {
                    row("entry.history") { html in
                        let date = history.date.map(Slot.date) ?? .text("—")
                        if let previous = history.previousService {
                            html.say(language, "entry.deassigned.previously", ["service": .text(previous), "date": date])
                        } else {
                            html.say(language, "entry.deassigned", ["date": date])
                        }
                    }
                }
                if let unauthorized = entry.unauthorizedUse {
                    html.element("dt", ["class": "warning"], text: language("entry.unauthorized"))
                    html.element("dd", ["class": "warning", "lang": english], text: unauthorized)
                }
            }
        }
    }

    /// The level of the headings a list of entries gets.
    enum HeadingLevel {
        case h2, h3
    }

    /// People from the registry's people table, `; ` between them: each one's name and organization (in English,
    /// as IANA has them) and their contact as a link, `mailto:` for an address; an id the table lacks as it is.
    static func people(_ people: [(id: String, person: Person?)], language: Language, into html: inout HTML) {
        for (index, (id, person)) in people.enumerated() {
            if index > 0 { html.add("; ") }
            guard let person else {
                html.add(id)
                continue
            }
            let name = [person.name, person.organization].compactMap { $0 }.joined(separator: ", ")
            html.english(name.isEmpty ? id : name, language)
            if let contact = person.contactAddress {
                html.add(" ")
                contactLink(contact, into: &html)
            }
        }
    }

    /// A contact as a link: an e-mail address (`mailto:` or bare) as a `mailto:` link showing the address,
    /// a web address as itself; anything else as text.
    static func contactLink(_ contact: String, into html: inout HTML) {
        let address = contact.hasPrefix("mailto:") ? String(contact.dropFirst(7)) : contact
        if address.hasPrefix("https://") || address.hasPrefix("http://") {
            html.element("a", ["href": address, "rel": "external"], text: address)
        } else if address.contains("@"), !address.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) {
            html.element("a", ["href": "mailto:" + address], text: address)
        } else {
            html.add(address)
        }
    }
}

extension String {
    /// The text made safe as one path segment: everything but unreserved characters percent-encoded.
    var addingPathEscapes: String {
        var out = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
