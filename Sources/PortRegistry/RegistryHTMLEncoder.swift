/// Writes a registry as IANA's HTML page: the title, the header block as a definition list, the records as
/// one table with IANA's twelve columns, the footnotes, and the contact table, with IANA's table ids
/// (`table-service-names-port-numbers`, `table-people`) and person ids linked to their contact rows.
/// Everything from the registry is escaped; the page has no scripts and no outside assets.
public enum RegistryHTMLEncoder {
    public static func encode(_ document: RegistryDocument) -> String {
        let metadata = document.metadata
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>" + escaped(metadata.title) + "</title>\n</head>\n<body>\n"
        out += "<h1>" + escaped(metadata.title) + "</h1>\n<dl>\n"
        if let updated = metadata.updated { out += "<dt>Last Updated</dt>\n<dd>" + escaped(updated) + "</dd>\n" }
        if let experts = metadata.experts { out += "<dt>Expert(s)</dt>\n<dd><pre>" + escaped(experts) + "</pre></dd>\n" }
        if !metadata.references.isEmpty {
            out += "<dt>Reference</dt>\n<dd>" + metadata.references.map(reference).joined() + "</dd>\n"
        }
        for note in metadata.notes {
            out += "<dt>" + escaped(note.title ?? "Note") + "</dt>\n<dd><pre>" + escaped(note.text) + "</pre></dd>\n"
        }
        out += "<dt>Available Formats</dt>\n<dd>CSV, XML, HTML, Plain text</dd>\n</dl>\n"
        out += "<table id=\"table-service-names-port-numbers\">\n<thead>\n<tr>"
        for column in RegistryCSV.columns { out += "<th>" + escaped(column) + "</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for entry in document.entries { row(entry, into: &out) }
        out += "</tbody>\n</table>\n"
        if !metadata.footnotes.isEmpty {
            out += "<dl id=\"footnotes\">\n"
            for footnote in metadata.footnotes {
                out += "<dt id=\"note" + escaped(footnote.anchor) + "\">[" + escaped(footnote.anchor) + "]</dt>\n<dd>"
                out += escaped(footnote.text) + "</dd>\n"
            }
            out += "</dl>\n"
        }
        if !document.people.isEmpty {
            out += "<h2>Contact Information</h2>\n<table id=\"table-people\">\n<thead>\n<tr>"
            for column in RegistryTextEncoder.peopleColumns { out += "<th>" + escaped(column) + "</th>" }
            out += "</tr>\n</thead>\n<tbody>\n"
            for person in document.people {
                out += "<tr><td id=\"" + escaped(person.id) + "\">[" + escaped(person.id) + "]</td>"
                for cell in [person.name, person.organization, person.uri, person.updated] {
                    out += "<td>" + escaped(cell ?? "") + "</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private static func row(_ entry: RegistryEntry, into out: inout String) {
        let people: ([String]) -> String = { ids in
            ids.map { "[<a href=\"#" + escaped($0) + "\">" + escaped($0) + "</a>]" }.joined()
        }
        let cells: [String] = [
            escaped(entry.serviceName ?? ""),
            escaped(entry.ports?.description ?? ""),
            escaped(entry.transport?.rawValue ?? ""),
            escaped(entry.description),
            people(entry.assignees),
            people(entry.contacts),
            escaped(entry.registrationDate ?? ""),
            escaped(entry.modificationDate ?? ""),
            entry.references.map(reference).joined(),
            entry.serviceCode.map(String.init) ?? "",
            escaped(entry.unauthorizedUse ?? ""),
            escaped(entry.notes ?? ""),
        ]
        out += "<tr>" + cells.map { "<td>" + $0 + "</td>" }.joined() + "</tr>\n"
    }

    /// `[RFC6335]`, linked where the reference has an address; a footnote links to its entry below.
    private static func reference(_ reference: Reference) -> String {
        let label = escaped(reference.label)
        if reference.kind == .note, let target = reference.target {
            return "[<a href=\"#note" + escaped(target) + "\">" + label + "</a>]"
        }
        guard let url = reference.url, url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("ftp://") else {
            return "[" + label + "]"
        }
        return "[<a href=\"" + escaped(url) + "\">" + label + "</a>]"
    }

    private static func escaped(_ text: String) -> String { MarkupEscaping.escaped(text) }
}
