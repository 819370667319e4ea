import Foundation
import PortRegistry

extension RegistryReader {
    /// The version lookups answer from, or `nil` before any import.
    public func currentVersion() throws(StoreError) -> RegistryVersion? {
        try rows("SELECT \(Self.versionColumns) FROM registryVersion WHERE id = (SELECT versionId FROM currentRegistry)", [], Self.version).first
    }

    /// Every imported version, oldest first.
    public func versions() throws(StoreError) -> [RegistryVersion] {
        try rows("SELECT \(Self.versionColumns) FROM registryVersion ORDER BY id", [], Self.version)
    }

    /// A version's header: title, experts, notes, footnotes.
    public func metadata(version id: Int64) throws(StoreError) -> RegistryMetadata {
        let json = try rows("SELECT metadata FROM registryVersion WHERE id = ?", [.int(id)]) { $0.text(0) }.first
        guard let json = json ?? nil else { throw .noSuchVersion(id) }
        do {
            return try JSONDecoder().decode(RegistryMetadata.self, from: Data(json.utf8))
        } catch {
            throw .notAStore(path: path, reason: "the header of version \(id) does not decode: \(error)")
        }
    }

    /// The entries of the current version that cover `port`, in registry order, optionally of one protocol.
    /// Entries that name no protocol are kept whatever the protocol asked for: they apply to all.
    public func entries(at port: UInt16, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try entries(overlapping: PortSpan(port: port), transport: transport)
    }

    /// The entries of the current version that share a port with `span`, in registry order.
    public func entries(overlapping span: PortSpan, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try rows(
            """
            SELECT \(entryColumns) FROM entry WHERE id IN (
                SELECT entryId FROM portCoverage
                WHERE versionId = (SELECT versionId FROM currentRegistry) AND port BETWEEN ? AND ?)
            AND (?3 IS NULL OR protocol IS NULL OR protocol = ?3)
            ORDER BY ordinal
            """,
            [.int(Int64(span.start)), .int(Int64(span.end)), .text(transport?.rawValue)],
            Self.entry
        )
    }

    /// The entries of the current version with that service name, compared case-insensitively (RFC 6335 §5.1).
    public func entries(named name: String, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try rows(
            """
            SELECT \(entryColumns) FROM entry
            WHERE versionId = (SELECT versionId FROM currentRegistry) AND service = ?1 COLLATE NOCASE
            AND (?2 IS NULL OR protocol IS NULL OR protocol = ?2)
            ORDER BY ordinal
            """,
            [.text(name), .text(transport?.rawValue)],
            Self.entry
        )
    }

    /// Full-text search of the current version over names, descriptions, people and notes: every word must
    /// match, as a prefix. Best matches first: bm25 weighs a word in the name 10, in the description 4, in the
    /// people 1 and in the notes 0.25, so "key manager" finds Key Distribution Manager before the hundreds of
    /// DNS-SD entries whose notes say "Defined TXT keys". Any text is safe: words only ever become quoted FTS5 tokens.
    public func search(_ text: String, transport: TransportProtocol? = nil, limit: Int = 50) throws(StoreError) -> [RegistryEntry] {
        guard let pattern = Self.prefixPattern(text) else { return [] }
        return try rows(
            """
            SELECT \(entryColumns) FROM entrySearch JOIN entry ON entry.id = entrySearch.rowid
            WHERE entrySearch MATCH ?1 AND entry.versionId = (SELECT versionId FROM currentRegistry)
            AND (?2 IS NULL OR entry.protocol IS NULL OR entry.protocol = ?2)
            ORDER BY bm25(entrySearch, 10.0, 4.0, 1.0, 0.25), entry.ordinal
            LIMIT ?3
            """,
            [.text(pattern), .text(transport?.rawValue), .int(Int64(limit))],
            Self.entry
        )
    }

    /// The people table rows of the current version for these ids; ids it lacks are left out.
    public func people(_ ids: some Sequence<String>) throws(StoreError) -> [String: Person] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: wanted.count).joined(separator: ",")
        let rows = try rows(
            "SELECT \(Self.personColumns) FROM person WHERE versionId = (SELECT versionId FROM currentRegistry) AND id IN (\(marks))",
            wanted.map(Value.text),
            Self.person
        )
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every entry of a version, in registry order.
    public func allEntries(version id: Int64) throws(StoreError) -> [RegistryEntry] {
        try rows("SELECT \(entryColumns) FROM entry WHERE versionId = ? ORDER BY ordinal", [.int(id)], Self.entry)
    }

    /// The whole current registry: header, entries and people, as it was imported.
    public func currentDocument() throws(StoreError) -> RegistryDocument? {
        guard let version = try currentVersion() else { return nil }
        let people = try rows(
            "SELECT \(Self.personColumns) FROM person WHERE versionId = ? ORDER BY rowid",
            [.int(version.id)],
            Self.person
        )
        return RegistryDocument(metadata: try metadata(version: version.id), entries: try allEntries(version: version.id), people: people)
    }

    // MARK: - Rows

    static let versionColumns = "id, updated, title, source, format, sha256, importedAt, entryCount, peopleCount, etag, lastModified"

    static func version(_ row: Row) -> RegistryVersion {
        RegistryVersion(
            id: row.int(0) ?? 0,
            updated: row.text(1),
            title: row.text(2) ?? RegistryMetadata.registryTitle,
            source: row.text(3) ?? "",
            format: RegistryFormat(rawValue: row.text(4) ?? "") ?? .xml,
            sha256: row.text(5) ?? "",
            importedAt: row.text(6) ?? "",
            entryCount: Int(row.int(7) ?? 0),
            peopleCount: Int(row.int(8) ?? 0),
            etag: row.text(9),
            lastModified: row.text(10)
        )
    }

    static func entryColumns(portText: Bool) -> String {
        """
        entry.id, entry.service, entry.portStart, entry.portEnd, entry.protocol, entry.description, entry.assignees, \
        entry.contacts, entry.registrationDate, entry.modificationDate, entry.refs, entry.serviceCode, \
        entry.unauthorizedUse, entry.notes, \(portText ? "entry.portText" : "NULL")
        """
    }

    static func entry(_ row: Row) throws -> RegistryEntry {
        var entry = RegistryEntry(serviceName: row.text(1), description: row.text(5) ?? "")
        if let start = row.int(2), let end = row.int(3) {
            entry.ports = try PortSpan(start: UInt16(clamping: start), end: UInt16(clamping: end), writtenAsRange: row.text(14) != nil)
        }
        entry.transport = row.text(4).flatMap(TransportProtocol.init(rawValue:))
        entry.assignees = StoredLists.ids(row.text(6))
        entry.contacts = StoredLists.ids(row.text(7))
        entry.registrationDate = row.text(8)
        entry.modificationDate = row.text(9)
        if let references = row.text(10) {
            entry.references = try JSONDecoder().decode([Reference].self, from: Data(references.utf8))
        }
        entry.serviceCode = row.int(11).map { UInt32(truncatingIfNeeded: $0) }
        entry.unauthorizedUse = row.text(12)
        entry.notes = row.text(13)
        return entry
    }

    static let personColumns = "id, name, organization, uri, updated"

    static func person(_ row: Row) -> Person {
        Person(id: row.text(0) ?? "", name: row.text(1), organization: row.text(2), uri: row.text(3), updated: row.text(4))
    }

    /// Each word of `text` as a quoted FTS5 prefix token, all required; `nil` when there are no words.
    static func prefixPattern(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return nil }
        return words.prefix(16).map { "\"\($0)\"*" }.joined(separator: " ")
    }
}

/// How the store keeps lists of person ids in one column: one id per line.
enum StoredLists {
    static func joined(_ ids: [String]) -> String? { ids.isEmpty ? nil : ids.joined(separator: "\n") }

    static func ids(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}
