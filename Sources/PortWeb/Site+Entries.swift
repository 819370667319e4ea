import PortRegistry
import PortReport

extension Site {
    /// The registry's entries as description lists, one per group of entries alike but for protocol.
    func entries(_ entries: [RegistryEntry], people: [String: Person], language: Language, into html: inout HTML) {
        for group in EntryText.groups(entries) {
            let entry = group[0]
            let protocols = group.compactMap(\.transport?.rawValue)
            html.element("article", ["class": "entry"]) { html in
                html.element("h3") { html in
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
                html.element("dl") { html in
                    func row(_ key: String, _ value: String) {
                        html.element("dt", text: language(key))
                        html.element("dd", text: value)
                    }
                    if !entry.description.isEmpty { row("entry.description", entry.description) }
                    let assignees = entry.assignees.map { EntryText.describe($0, people) }
                    let contacts = entry.contacts.map { EntryText.describe($0, people) }
                    if assignees.isEmpty && contacts.isEmpty && entry.status == .assigned { row("entry.assignee", language("entry.noneOnRecord")) }
                    if !assignees.isEmpty { row("entry.assignee", assignees.joined(separator: "; ")) }
                    if !contacts.isEmpty, contacts != assignees { row("entry.contact", contacts.joined(separator: "; ")) }
                    if let date = entry.registrationDate { row("entry.registered", date) }
                    if let date = entry.modificationDate { row("entry.modified", date) }
                    for reference in entry.references {
                        html.element("dt", text: language("entry.reference"))
                        html.element("dd") { html in
                            if let url = reference.url {
                                html.element("a", ["href": url, "rel": "external"], text: reference.label)
                            } else {
                                html.add(reference.label)
                            }
                        }
                    }
                    if let code = entry.serviceCode { row("entry.serviceCode", String(code)) }
                    if let notes = entry.notes { row("entry.notes", notes) }
                    if entry.status != .assigned { row("entry.status", language("entry.status.\(entry.status.rawValue).explained")) }
                    if let history = entry.deassignment {
                        let date = history.date ?? "—"
                        row(
                            "entry.history",
                            history.previousService.map { language("entry.deassigned.previously", ["service": $0, "date": date]) }
                                ?? language("entry.deassigned", ["date": date])
                        )
                    }
                    if let unauthorized = entry.unauthorizedUse {
                        html.element("dt", ["class": "warning"], text: language("entry.unauthorized"))
                        html.element("dd", ["class": "warning"], text: unauthorized)
                    }
                }
            }
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
