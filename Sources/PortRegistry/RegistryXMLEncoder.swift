/// Writes a registry as IANA's XML: the header, the records, the people table and the footnotes, in the
/// element names and order IANA uses, so that `RegistryXMLDecoder` reads back the same document.
///
/// References that IANA wrote inline in a description or note are part of their text by now (`[RFC6335]`),
/// so they come back as text, as IANA's own text renderings write them.
public enum RegistryXMLEncoder {
    public static func encode(_ document: RegistryDocument) -> String {
        var out = "<?xml version='1.0' encoding='UTF-8'?>\n"
        out += "<registry xmlns=\"http://www.iana.org/assignments\" id=\"\(RegistryXMLDecoder.registryID)\">\n"
        let metadata = document.metadata
        element("title", metadata.title, indent: 1, into: &out)
        if let category = metadata.category { element("category", category, indent: 1, into: &out) }
        if let updated = metadata.updated { element("updated", updated, indent: 1, into: &out) }
        for reference in metadata.references { xref(reference, indent: 1, into: &out) }
        if let experts = metadata.experts { element("expert", experts, indent: 1, into: &out) }
        for note in metadata.notes {
            out += "  <note" + (note.title.map { " title=\"\(escaped($0))\"" } ?? "") + ">" + escaped(note.text) + "</note>\n"
        }
        for entry in document.entries { record(entry, into: &out) }
        out += "  <people>\n"
        for person in document.people {
            out += "    <person id=\"\(escaped(person.id))\">\n"
            if let name = person.name { element("name", name, indent: 3, into: &out) }
            if let organization = person.organization { element("org", organization, indent: 3, into: &out) }
            if let uri = person.uri { element("uri", uri, indent: 3, into: &out) }
            if let updated = person.updated { element("updated", updated, indent: 3, into: &out) }
            out += "    </person>\n"
        }
        out += "  </people>\n"
        for footnote in metadata.footnotes {
            out += "  <footnote anchor=\"\(escaped(footnote.anchor))\">" + escaped(footnote.text) + "</footnote>\n"
        }
        out += "</registry>\n"
        return out
    }

    private static func record(_ entry: RegistryEntry, into out: inout String) {
        var attributes = ""
        if let date = entry.registrationDate { attributes += " date=\"\(escaped(date))\"" }
        if let date = entry.modificationDate { attributes += " updated=\"\(escaped(date))\"" }
        out += "  <record\(attributes)>\n"
        if let name = entry.serviceName { element("name", name, indent: 2, into: &out) }
        if let transport = entry.transport { element("protocol", transport.rawValue, indent: 2, into: &out) }
        // The decoder names the contact as assignee when none is on record; such an assignee is not written back.
        if !entry.assignees.isEmpty, entry.assignees != entry.contacts {
            out += "    <assignee>\n"
            for id in entry.assignees { out += "      <xref type=\"person\" data=\"\(escaped(id))\"/>\n" }
            out += "    </assignee>\n"
        }
        for id in entry.contacts { out += "    <xref type=\"person\" data=\"\(escaped(id))\"/>\n" }
        element("description", entry.description, indent: 2, into: &out)
        if let ports = entry.ports { element("number", ports.description, indent: 2, into: &out) }
        if let code = entry.serviceCode { element("sc", String(code), indent: 2, into: &out) }
        if let unauthorized = entry.unauthorizedUse { element("unauthorized", unauthorized, indent: 2, into: &out) }
        for reference in entry.references { xref(reference, indent: 2, into: &out) }
        if let notes = entry.notes { element("note", notes, indent: 2, into: &out) }
        out += "  </record>\n"
    }

    private static func xref(_ reference: Reference, indent: Int, into out: inout String) {
        out += String(repeating: "  ", count: indent) + "<xref type=\"\(reference.kind.rawValue)\""
        if let target = reference.target { out += " data=\"\(escaped(target))\"" }
        if let section = reference.section { out += " section=\"\(escaped(section))\"" }
        if let text = reference.text {
            out += ">" + escaped(text) + "</xref>\n"
        } else {
            out += "/>\n"
        }
    }

    private static func element(_ name: String, _ text: String, indent: Int, into out: inout String) {
        out += String(repeating: "  ", count: indent) + "<\(name)>" + escaped(text) + "</\(name)>\n"
    }

    private static func escaped(_ text: String) -> String { MarkupEscaping.escaped(text) }
}
