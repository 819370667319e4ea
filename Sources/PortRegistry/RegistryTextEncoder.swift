/// Writes a registry as IANA's plain-text page: the header block, one line per record with its filled
/// columns separated by spaces, the footnotes, then the contact table, as IANA's text rendering lays them
/// out (the seed `004_bc73fbe8cc2a0d68.txt` shows a slice of it).
public enum RegistryTextEncoder {
    /// The contact table's header, as IANA writes it.
    public static let peopleColumns = ["ID", "Name", "Organization", "Contact URI", "Last Updated"]

    public static func encode(_ document: RegistryDocument) -> String {
        let metadata = document.metadata
        var out = "Internet Assigned Numbers Authority\n\n\(metadata.title)\n\n"
        if let updated = metadata.updated { out += "Last Updated\n\(updated)\n" }
        if let experts = metadata.experts { out += "Expert(s)\n\(experts)\n" }
        if !metadata.references.isEmpty {
            out += "Reference\n" + metadata.references.map(\.bracketed).joined() + "\n"
        }
        for note in metadata.notes {
            if let title = note.title {
                out +=
                    "\n\(title)\n" + note.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(separator: "\n")
                    + "\n"
            } else {
                out += "Note\n\(note.text)\n"
            }
        }
        out += "\nAvailable Formats\n\nCSV\n\nXML\n\nHTML\n\nPlain text\n"
        out += RegistryCSV.columns.joined(separator: " ") + "\n"
        for entry in document.entries { out += line(entry) + "\n" }
        if !metadata.footnotes.isEmpty {
            out += "\n"
            for footnote in metadata.footnotes { out += "[\(footnote.anchor)] \(footnote.text)\n" }
        }
        if !document.people.isEmpty {
            out += "\nContact Information\n\n" + peopleColumns.joined(separator: " ") + "\n"
            for person in document.people {
                out +=
                    (["[\(person.id)]"] + [person.name, person.organization, person.uri, person.updated].compactMap { $0 })
                    .filter { !$0.isEmpty }.joined(separator: " ") + "\n"
            }
        }
        return out
    }

    /// One record as IANA's text rendering writes it: the filled columns in order, separated by spaces.
    public static func line(_ entry: RegistryEntry) -> String {
        RegistryCSV.fields(entry).filter { !$0.isEmpty }.joined(separator: " ")
    }
}
