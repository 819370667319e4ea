import PortRegistry
import PortStore

extension RegistryVersion {
    /// The version as JSON: `version`, `updated`, `title`, `source`, `format`, `sha256`, `importedAt`,
    /// `entries`, `people`, and with `metadata` also `experts`, `notes`, `footnotes`.
    public func json(metadata: RegistryMetadata? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("version", .number(id)),
            ("updated", .string(updated)),
            ("title", .string(title)),
            ("source", .string(source)),
            ("format", .string(format.rawValue)),
            ("sha256", .string(sha256)),
            ("importedAt", .string(importedAt)),
            ("entries", .number(entryCount)),
            ("people", .number(peopleCount)),
        ]
        if let metadata {
            members += [
                ("experts", .string(metadata.experts)),
                ("notes", .array(metadata.notes.map { .object([("title", .string($0.title)), ("text", .string($0.text))]) })),
                ("footnotes", .array(metadata.footnotes.map { .object([("anchor", .string($0.anchor)), ("text", .string($0.text))]) })),
            ]
        }
        return .object(members)
    }

    /// A few lines that say which registry this is.
    public func text(style: TextStyle, metadata: RegistryMetadata? = nil) -> String {
        // The title, date and source come from the registry file, perhaps a hostile mirror's: escaped.
        var lines = [
            style.bold(title.terminalSafeLine),
            "  Updated      \((updated ?? "unknown").terminalSafeLine)",
            "  Version      \(id), \(format.rawValue.uppercased()), \(entryCount.grouped) records, \(peopleCount.grouped) people",
            "  Source       \(source.terminalSafeLine)",
            "  Imported     \(importedAt)",
            "  SHA-256      \(sha256)",
        ]
        if let experts = metadata?.experts { lines.append("  Experts      " + experts.terminalSafe.replacingLineBreaks(indent: 15)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line for a list of versions.
    public func line(current: Bool) -> String {
        let line = "\(current ? "*" : " ") \(id)  \(updated ?? "unknown date")  \(format.rawValue)  \(entryCount.grouped) records  \(source)"
        return line.terminalSafeLine
    }
}

extension Int {
    /// The number with thousands separated by commas: 14,533.
    public var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (self < 0 ? "-" : "") + out
    }
}
