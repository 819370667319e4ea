/// Reads and writes IANA's CSV rendering of the registry: twelve columns, one row per record.
public enum RegistryCSV {
    /// The header row IANA writes.
    public static let columns = [
        "Service Name", "Port Number", "Transport Protocol", "Description", "Assignee", "Contact",
        "Registration Date", "Modification Date", "Reference", "Service Code", "Unauthorized Use Reported",
        "Assignment Notes",
    ]

    /// Decodes a whole CSV file. The CSV has no header block nor people table, so the document has neither.
    /// - Throws: `RegistryError.malformedCSV` for a damaged or cut-short file, `.invalidRecord` for an impossible
    ///   value, `.unrecognizedFormat` when the header is not IANA's.
    public static func decode(_ bytes: [UInt8], source: String) throws(RegistryError) -> RegistryDocument {
        var reader = CSVReader(bytes: bytes)
        var document = RegistryDocument()
        do {
            guard let header = try reader.nextRow(), header.fields == columns else {
                throw RegistryError.unrecognizedFormat(source: source)
            }
            while let row = try reader.nextRow() {
                if row.fields == [""] { continue }
                guard row.fields.count == columns.count else {
                    throw RegistryError.malformedCSV(
                        source: source,
                        line: row.line,
                        reason: "a row of \(row.fields.count) fields where IANA's CSV has \(columns.count)"
                    )
                }
                document.entries.append(try entry(row.fields, line: row.line, source: source))
            }
        } catch let failure as CSVReader.Failure {
            throw .malformedCSV(source: source, line: failure.line, reason: failure.reason)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .malformedCSV(source: source, line: reader.line, reason: "\(error)")
        }
        return document
    }

    /// Writes the document's entries as IANA's CSV, header first, each row ended by `\r\n` as IANA ends them
    /// (a line break inside a quoted field stays `\n`). IANA's CSV read by `decode` comes back byte for byte.
    public static func encode(_ document: RegistryDocument) -> String {
        var out = columns.joined(separator: ",") + "\r\n"
        for entry in document.entries {
            out += Self.fields(entry).map(quoted).joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// The twelve columns of one record, unquoted, as IANA's CSV and text renderings write them.
    public static func fields(_ entry: RegistryEntry) -> [String] {
        [
            entry.serviceName ?? "",
            entry.ports?.description ?? "",
            entry.transport?.rawValue ?? "",
            entry.description,
            entry.assignees.map { "[\($0)]" }.joined(),
            entry.contacts.map { "[\($0)]" }.joined(),
            entry.registrationDate ?? "",
            entry.modificationDate ?? "",
            entry.references.map(\.bracketed).joined(),
            entry.serviceCode.map(String.init) ?? "",
            entry.unauthorizedUse ?? "",
            entry.notes ?? "",
        ]
    }

    private static func entry(_ fields: [String], line: Int, source: String) throws(RegistryError) -> RegistryEntry {
        func invalid(_ reason: String) -> RegistryError { .invalidRecord(source: source, line: line, reason: reason) }
        let field = fields.map { String($0.trimmingWhitespace()) }
        var entry = RegistryEntry(
            serviceName: field[0].nonEmpty,
            description: field[3],
            assignees: bracketedItems(field[4]),
            contacts: bracketedItems(field[5]),
            registrationDate: field[6].nonEmpty,
            modificationDate: field[7].nonEmpty,
            references: bracketedItems(field[8]).map(Reference.init(csvItem:)),
            unauthorizedUse: field[10].nonEmpty,
            notes: field[11].nonEmpty
        )
        if let ports = field[1].nonEmpty {
            do { entry.ports = try PortSpan(parsing: ports) } catch { throw invalid(error.description) }
        }
        if let transport = field[2].nonEmpty {
            guard let parsed = TransportProtocol(name: transport) else { throw invalid("unknown transport protocol '\(transport)'") }
            entry.transport = parsed
        }
        if let code = field[9].nonEmpty {
            guard let parsed = UInt32(code) else { throw invalid("service code '\(code)' is not a number") }
            entry.serviceCode = parsed
        }
        guard entry.serviceName != nil || !entry.description.isEmpty else {
            throw invalid("a record with neither a name nor a description")
        }
        return entry
    }

    /// `[A][B]` as `["A", "B"]`; brackets may nest inside an item. A field that is not a run of balanced
    /// bracketed items is one item, without its outer brackets if it has them, so that what `encode` writes
    /// for any item reads back the same.
    static func bracketedItems(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // Scalars, not Characters: a bracket followed by a combining mark is still a bracket to the CSV.
        var items: [String] = []
        var depth = 0
        var current = String.UnicodeScalarView()
        for character in text.unicodeScalars {
            switch character {
            case "[":
                if depth > 0 { current.append(character) }
                depth += 1
            case "]":
                guard depth > 0 else { return [wholeItem(text)] }
                depth -= 1
                if depth == 0 {
                    items.append(String(current))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(character)
                }
            default:
                guard depth > 0 else { return [wholeItem(text)] }
                current.append(character)
            }
        }
        return depth == 0 ? items : [wholeItem(text)]
    }

    private static func wholeItem(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count >= 2, scalars.first == "[", scalars.last == "]" else { return text }
        return String(scalars.dropFirst().dropLast())
    }

    /// The field as RFC 4180 writes it; decided on bytes, as the reader reads them (a comma followed by a
    /// combining mark is one Character, but still a comma to a CSV reader).
    private static func quoted(_ field: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D]
        guard field.utf8.contains(where: special.contains) else { return field }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in field.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }
}
