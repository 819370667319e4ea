import PortKnowledge
import PortRegistry

extension LookupAnswer {
    /// The answer as a person reads it in a terminal.
    public func text(style: TextStyle = .plain) -> String {
        var lines: [String] = []
        switch query {
        case .port(let port):
            let range = PortRange(containing: port)
            lines.append(style.bold("Port \(port)") + " · \(range.title) (\(range.start)–\(range.end), \(range.informalName))")
            lines.append(style.dim(range.assignmentPolicy))
        case .span(let span):
            lines.append(style.bold("Ports \(span.start)–\(span.end)") + " · \(span.count) ports")
        case .service(let name):
            lines.append(style.bold("Service \(name.terminalSafeLine)"))
        }
        lines.append("")
        if entries.isEmpty {
            lines.append("\(query.text.terminalSafeLine) is \(source.notListed).")
        } else {
            lines += EntryText.blocks(entries, people: people, style: style, detailUpTo: 12)
        }
        lines.append("")
        lines.append(style.dim("Source: \(source.summary)."))
        if let hint = source.hint { lines.append(style.warning("Hint: \(hint).")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SearchAnswer {
    /// The search result as a person reads it in a terminal.
    public func text(style: TextStyle = .plain) -> String {
        var lines: [String] = []
        if !products.isEmpty {
            lines.append(style.bold("\(products.count) product\(products.count == 1 ? "" : "s") matching '\(text.terminalSafeLine)'"))
            for match in products {
                let field = match.product.slug.isEmpty ? "your knowledge files" : match.product.field.title
                lines.append("")
                lines.append(style.bold(style.accent(match.product.name.terminalSafeLine)) + style.dim("  \(field)"))
                for fact in match.facts {
                    lines.append("  \(fact.portsLabel.padding(18))\(fact.purpose.terminalSafeLine)")
                }
            }
            lines.append("")
        }
        if entries.isEmpty {
            lines.append("No registry entry matches '\(text.terminalSafeLine)'.")
        } else {
            lines.append(style.bold("\(entries.count) entr\(entries.count == 1 ? "y" : "ies") matching '\(text.terminalSafeLine)'"))
            lines.append("")
            lines += EntryText.blocks(entries, people: people, style: style, detailUpTo: 0)
        }
        lines.append("")
        lines.append(style.dim("Source: \(source.summary)."))
        if let hint = source.hint { lines.append(style.warning("Hint: \(hint).")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// How entries are written for people: entries that differ only in protocol share one heading.
public enum EntryText {
    /// Entries alike but for their protocol, kept in registry order.
    public static func groups(_ entries: [RegistryEntry]) -> [[RegistryEntry]] {
        var groups: [[RegistryEntry]] = []
        for entry in entries {
            if let last = groups.last?.first, alike(last, entry) {
                groups[groups.count - 1].append(entry)
            } else {
                groups.append([entry])
            }
        }
        return groups
    }

    /// One heading per group; the details too when there are at most `detailUpTo` groups.
    static func blocks(_ entries: [RegistryEntry], people: [String: Person], style: TextStyle, detailUpTo: Int) -> [String] {
        let groups = groups(entries)
        let detailed = groups.count <= detailUpTo
        var lines: [String] = []
        for group in groups {
            let entry = group[0]
            let protocols = group.compactMap(\.transport?.rawValue)
            let port = entry.ports?.description ?? "no port"
            let transport = protocols.isEmpty ? "no protocol" : protocols.joined(separator: ", ")
            let name = entry.serviceName.map { style.bold(style.accent($0.terminalSafeLine)) } ?? style.dim("(\(entry.status.rawValue))")
            lines.append("\(name)  \(port)  \(transport)  \(entry.description.terminalSafe.replacingLineBreaks())")
            guard detailed else { continue }
            lines += details(entry, people: people, style: style)
            lines.append("")
        }
        if detailed, lines.last == "" { lines.removeLast() }
        return lines
    }

    static func details(_ entry: RegistryEntry, people: [String: Person], style: TextStyle) -> [String] {
        var rows: [(String, String)] = []
        let assignees = entry.assignees.map { describe($0, people) }
        let contacts = entry.contacts.map { describe($0, people) }
        if assignees.isEmpty && contacts.isEmpty && entry.status == .assigned {
            rows.append(("Assignee", "none on record"))
        }
        if !assignees.isEmpty { rows.append(("Assignee", assignees.joined(separator: "; "))) }
        if !contacts.isEmpty, contacts != assignees { rows.append(("Contact", contacts.joined(separator: "; "))) }
        if let date = entry.registrationDate { rows.append(("Registered", date)) }
        if let date = entry.modificationDate { rows.append(("Modified", date)) }
        for reference in entry.references {
            rows.append(("Reference", [reference.label, reference.url].compactMap { $0 }.joined(separator: " ")))
        }
        if let code = entry.serviceCode { rows.append(("Service code", String(code))) }
        if let notes = entry.notes { rows.append(("Notes", notes)) }
        if let explanation = entry.statusExplanation { rows.append(("Status", explanation)) }
        if let history = entry.deassignment { rows.append(("History", history.sentence)) }
        var lines = rows.map { label, value in
            "  " + style.dim(label.padding(14)) + value.terminalSafe.replacingLineBreaks(indent: 16)
        }
        if let unauthorized = entry.unauthorizedUse {
            lines.append("  " + style.warning("Unauthorized".padding(14)) + unauthorized.terminalSafe.replacingLineBreaks(indent: 16))
        }
        return lines
    }

    /// A person as people read them: "Name, Organization <address>", or the id when the people table lacks them.
    public static func describe(_ id: String, _ people: [String: Person]) -> String {
        guard let person = people[id] else { return id }
        let name = [person.name, person.organization].compactMap { $0 }.joined(separator: ", ")
        let who = name.isEmpty ? id : name
        guard let contact = person.contactAddress else { return who }
        return "\(who) <\(contact.hasPrefix("mailto:") ? String(contact.dropFirst(7)) : contact)>"
    }

    private static func alike(_ a: RegistryEntry, _ b: RegistryEntry) -> Bool {
        var a = a
        a.transport = b.transport
        return a == b
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    /// Continuation lines indented under the first, stray indentation trimmed.
    func replacingLineBreaks(indent: Int = 2) -> String {
        let lines = split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingPrefix(while: { $0 == " " }) }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        self[(firstIndex(where: { !predicate($0) }) ?? endIndex)...]
    }
}

extension RegistryEntry.Deassignment {
    /// "Previously compressnet; de-assigned on 2025-02-13."
    public var sentence: String {
        let previous = previousService.map { "Previously \($0); de-assigned" } ?? "De-assigned"
        return previous + (date.map { " on \($0)." } ?? ".")
    }
}
