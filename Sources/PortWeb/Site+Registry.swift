import Foundation
import PortRegistry
import PortReport

extension Site {
    /// How the registry table is filtered and which page of it is shown.
    public struct RegistryView: Sendable, Hashable {
        public var page: Int
        public var transport: TransportProtocol?
        /// Case-insensitive text to find in the service name or description.
        public var text: String
        public static let pageSize = 100

        public init(page: Int = 1, transport: TransportProtocol? = nil, text: String = "") {
            self.page = max(page, 1)
            self.transport = transport
            self.text = text
        }

        /// The entries this view shows out of `entries`, and how many pages the filtered table has.
        public func slice(of entries: [RegistryEntry]) -> (entries: ArraySlice<RegistryEntry>, pages: Int, matched: Int) {
            let needle = text.lowercased()
            let filtered = entries.filter { matches($0, needle: needle) }
            let pages = max((filtered.count + Self.pageSize - 1) / Self.pageSize, 1)
            // Clamped before multiplying: a page number from a URL may be huge.
            let start = min((min(page, pages) - 1) * Self.pageSize, filtered.count)
            return (filtered[start..<min(start + Self.pageSize, filtered.count)], pages, filtered.count)
        }

        /// How many pages the table has out of `entries`, filtered as this view filters, without copying them.
        public func pageCount(of entries: [RegistryEntry]) -> Int {
            let needle = text.lowercased()
            let matched = transport == nil && needle.isEmpty ? entries.count : entries.reduce(0) { $0 + (matches($1, needle: needle) ? 1 : 0) }
            return max((matched + Self.pageSize - 1) / Self.pageSize, 1)
        }

        func matches(_ entry: RegistryEntry, needle: String) -> Bool {
            (transport == nil || entry.transport == transport)
                && (needle.isEmpty || (entry.serviceName?.lowercased().contains(needle) ?? false) || entry.description.lowercased().contains(needle))
        }

        /// The query string for another page of this view.
        func query(page: Int) -> String {
            var items = ["page=\(page)"]
            if let transport { items.append("protocol=\(transport.rawValue)") }
            if !text.isEmpty { items.append("q=\(text.addingPathEscapes)") }
            return "?" + items.joined(separator: "&")
        }
    }

    /// The registry as IANA's own page shows it: the header block, then the records as a paged,
    /// filterable table, the downloads, and a link to the people table.
    public func registryPage(document: RegistryDocument, source: AnswerSource, view: RegistryView, language: Language) -> String {
        let metadata = document.metadata
        let (rows, pages, matched) = view.slice(of: document.entries)
        let frame = Frame(title: metadata.title + " — portatlas", description: language("registry.description"), path: "/registry", registry: source)
        return self.document(frame, language: language) { html in
            let english = HTML.englishAttribute(language)
            html.element("h1", ["lang": english], text: metadata.title)
            html.element("dl", ["class": "registry-header"]) { html in
                func row(_ key: String, _ value: String?) {
                    guard let value, !value.isEmpty else { return }
                    html.element("dt", text: language(key))
                    html.element("dd", ["lang": english], text: value)
                }
                if let updated = metadata.updated, !updated.isEmpty {
                    html.element("dt", text: language("registry.updated"))
                    html.element("dd") { $0.date(updated) }
                }
                row("registry.category", metadata.category)
                row("registry.experts", metadata.experts)
                if !metadata.references.isEmpty {
                    html.element("dt", text: language("entry.reference"))
                    html.element("dd") { html in
                        for reference in metadata.references {
                            if let url = reference.url {
                                html.element("a", ["href": url, "rel": "external"], text: reference.label)
                            } else {
                                html.add(reference.label)
                            }
                            html.add(" ")
                        }
                    }
                }
                html.element("dt", text: language("registry.source"))
                html.element("dd") { self.source(source, language: language, into: &$0) }
            }
            for note in metadata.notes {
                html.element("section", ["class": "note", "lang": english]) { html in
                    if let title = note.title { html.element("h2", text: title) }
                    // IANA hard-wraps its notes: a blank line ends a paragraph, a single line break does not.
                    for paragraph in note.text.components(separatedBy: "\n\n") where !paragraph.isEmpty {
                        let lines = paragraph.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                        if let notice = Self.boxedNotice(lines) {
                            html.element("aside", ["class": "notice", "role": "note"]) { html in
                                html.element("p") { html in
                                    html.element("strong", text: notice.heading)
                                    html.add(" " + notice.text)
                                }
                            }
                        } else if !lines.isEmpty {
                            html.element("p", text: lines.joined(separator: " "))
                        }
                    }
                }
            }
            html.element("p") { html in
                html.add(language("registry.download") + " ")
                html.element("a", ["href": "/registry.csv", "download": ""], text: "CSV")
                html.add(" · ")
                html.element("a", ["href": "/registry.xml", "download": ""], text: "XML")
                html.add(" · ")
                html.element("a", ["href": "/registry.html"], text: "HTML")
                html.add(" · ")
                html.element("a", ["href": "/registry.txt"], text: "TXT")
                html.add(" · ")
                html.element("a", ["href": "/\(language.code)/registry/changes"], text: language("changes.link"))
                html.add(" · ")
                html.element(
                    "a",
                    ["href": "/\(language.code)/registry/people"],
                    text: language("registry.people", count: document.people.count)
                )
            }
            html.element("form", ["method": "get", "action": "/\(language.code)/registry", "class": "filter"]) { html in
                html.element("label", ["for": "filter-q"], text: language("registry.filter"))
                html.open("input", ["id": "filter-q", "name": "q", "type": "search", "value": view.text])
                html.element("label", ["for": "filter-protocol"], text: language("registry.protocol"))
                html.element("select", ["id": "filter-protocol", "name": "protocol"]) { html in
                    html.element("option", ["value": "", "selected": view.transport == nil ? "" : nil], text: language("registry.anyProtocol"))
                    for transport in TransportProtocol.allCases {
                        html.element(
                            "option",
                            ["value": transport.rawValue, "selected": view.transport == transport ? "" : nil],
                            text: transport.rawValue
                        )
                    }
                }
                html.element("button", ["type": "submit"], text: language("registry.apply"))
            }
            html.element(
                "p",
                text: language("registry.showing", count: matched, ["page": String(min(view.page, pages)), "pages": String(pages)])
            )
            let columns = [
                "entry.service", "neighbours.port", "entry.protocol", "entry.description", "entry.assignee", "entry.contact",
                "entry.registered", "entry.modified", "entry.reference", "entry.serviceCode", "entry.unauthorized", "entry.notes",
            ].map { language($0) }
            // Twelve columns do not fit a phone, nor always a desktop: the table scrolls inside a region the keyboard
            // can reach, and on a phone each record becomes a card.
            html.element("div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": language("registry.tableLabel")]) { html in
                html.element("table", ["class": "registry cards"]) { html in
                    html.element("caption", text: language("registry.tableLabel"))
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for column in columns {
                                html.element("th", ["scope": "col"], text: column)
                            }
                        }
                    }
                    html.element("tbody") { html in
                        for entry in rows {
                            html.element("tr") { html in
                                // An empty cell is left out of a phone's card (`.cards td:empty`).
                                func cell(_ column: Int, inEnglish: Bool = false, _ text: String?) {
                                    let text = text ?? ""
                                    html.element(
                                        "td",
                                        ["data-label": columns[column], "lang": inEnglish && !text.isEmpty ? english : nil],
                                        text: text
                                    )
                                }
                                html.element("td", ["data-label": columns[0]]) { html in
                                    if let name = entry.serviceName {
                                        html.element("a", ["href": "/\(language.code)/services/\(name.addingPathEscapes)"], text: name)
                                    }
                                }
                                html.element("td", ["data-label": columns[1]]) { html in
                                    if let ports = entry.ports {
                                        html.element("a", ["href": "/\(language.code)/ports/\(ports)"], text: ports.description)
                                    }
                                }
                                cell(2, entry.transport?.rawValue)
                                cell(3, inEnglish: true, entry.description.isEmpty ? nil : entry.description)
                                for (column, ids) in [(4, entry.assignees), (5, entry.contacts)] {
                                    html.element("td", ["data-label": columns[column]]) { Self.ids(ids, into: &$0) }
                                }
                                for (column, date) in [(6, entry.registrationDate), (7, entry.modificationDate)] {
                                    html.element("td", ["data-label": columns[column]]) { html in if let date { html.date(date) } }
                                }
                                cell(8, inEnglish: true, entry.references.map(\.label).joined(separator: " "))
                                cell(9, entry.serviceCode.map { String($0) })
                                cell(10, inEnglish: true, entry.unauthorizedUse)
                                cell(11, inEnglish: true, entry.notes)
                            }
                        }
                    }
                }
            }
            pager(view: view, pages: pages, base: "/\(language.code)/registry", language: language, into: &html)
        }
    }

    /// How many people a page of the people table shows.
    public static let peoplePageSize = 200

    /// The registry's people table, paged.
    public func peoplePage(document: RegistryDocument, source: AnswerSource, page: Int, language: Language) -> String {
        let people = document.people
        let size = Self.peoplePageSize
        let pages = max((people.count + size - 1) / size, 1)
        let page = min(max(page, 1), pages)
        let rows = people[min((page - 1) * size, people.count)..<min(page * size, people.count)]
        let frame = Frame(
            title: language("people.title") + " — portatlas",
            description: language("people.title"),
            path: "/registry/people",
            registry: source
        )
        return self.document(frame, language: language) { html in
            html.element("h1", text: language("people.title"))
            html.element("p", ["class": "lead"], text: language("people.lead", count: people.count))
            let english = HTML.englishAttribute(language)
            let columns = ["people.id", "people.name", "people.organization", "people.contact", "people.updated"].map { language($0) }
            html.element("table", ["class": "people cards"]) { html in
                html.element("caption", text: language("people.caption", ["page": String(page), "pages": String(pages)]))
                html.element("thead") { html in
                    html.element("tr") { html in
                        for column in columns {
                            html.element("th", ["scope": "col"], text: column)
                        }
                    }
                }
                html.element("tbody") { html in
                    for person in rows {
                        html.element("tr", ["id": person.id]) { html in
                            html.element("th", ["scope": "row"], text: person.id)
                            html.element("td", ["data-label": columns[1], "lang": person.name == nil ? nil : english], text: person.name ?? "")
                            html.element(
                                "td",
                                ["data-label": columns[2], "lang": person.organization == nil ? nil : english],
                                text: person.organization ?? ""
                            )
                            html.element("td", ["data-label": columns[3]]) { html in
                                if let contact = person.contactAddress { Self.contactLink(contact, into: &html) }
                            }
                            html.element("td", ["data-label": columns[4]]) { html in if let date = person.updated { html.date(date) } }
                        }
                    }
                }
            }
            pager(view: RegistryView(page: page), pages: pages, base: "/\(language.code)/registry/people", language: language, into: &html)
        }
    }

    /// IANA's boxed notice, a paragraph drawn in asterisks (`* PLEASE NOTE THE FOLLOWING: *` …), as its heading
    /// and its text; `nil` for any other paragraph.
    static func boxedNotice(_ lines: [String]) -> (heading: String, text: String)? {
        guard lines.count >= 3, lines.allSatisfy({ $0.hasPrefix("*") }) else { return nil }
        let inner = lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "* ")) }.filter { !$0.isEmpty }
        guard let heading = inner.first else { return nil }
        return (heading, inner.dropFirst().joined(separator: " "))
    }

    /// People's ids (`Alexander_Turenko`), `; ` between them, each free to break after its underscores
    /// (`<wbr>`) so a narrow column keeps their words whole.
    static func ids(_ ids: [String], into html: inout HTML) {
        for (index, id) in ids.enumerated() {
            if index > 0 { html.add("; ") }
            for (part, piece) in id.split(separator: "_", omittingEmptySubsequences: false).enumerated() {
                if part > 0 {
                    html.add("_")
                    html.raw("<wbr>")
                }
                html.add(piece)
            }
        }
    }

    func pager(view: RegistryView, pages: Int, base: String, language: Language, into html: inout HTML) {
        guard pages > 1 else { return }
        html.element("nav", ["class": "pager", "aria-label": language("registry.pages")]) { html in
            if view.page > 1 {
                html.element("a", ["href": base + view.query(page: view.page - 1), "rel": "prev"], text: language("registry.previous"))
            }
            html.element("span", text: " \(view.page) / \(pages) ")
            if view.page < pages {
                html.element("a", ["href": base + view.query(page: view.page + 1), "rel": "next"], text: language("registry.next"))
            }
        }
    }
}
