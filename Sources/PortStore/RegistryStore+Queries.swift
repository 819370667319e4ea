import GRDB
import PortRegistry

extension RegistryStore {
    /// The version lookups answer from, or `nil` before any import.
    public func currentVersion() throws(StoreError) -> RegistryVersion? {
        try read { db in try Self.currentVersion(db) }
    }

    /// Every imported version, oldest first.
    public func versions() throws(StoreError) -> [RegistryVersion] {
        try read { db in try RegistryVersion.fetchAll(db, sql: "SELECT * FROM registryVersion ORDER BY id") }
    }

    /// The entries of the current version that cover `port`, in registry order, optionally of one protocol.
    /// Entries that name no protocol are kept whatever the protocol asked for: they apply to all.
    public func entries(at port: UInt16, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try entries(overlapping: PortSpan(port: port), transport: transport)
    }

    /// The entries of the current version that share a port with `span`, in registry order.
    public func entries(overlapping span: PortSpan, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try read { db in
            try StoredEntry.fetchAll(
                db,
                sql: """
                    SELECT * FROM entry WHERE id IN (
                        SELECT entryId FROM portCoverage
                        WHERE versionId = (SELECT versionId FROM currentRegistry) AND port BETWEEN ? AND ?)
                    AND (? IS NULL OR protocol IS NULL OR protocol = ?)
                    ORDER BY ordinal
                    """,
                arguments: [Int(span.start), Int(span.end), transport?.rawValue, transport?.rawValue]
            ).map(\.entry)
        }
    }

    /// The entries of the current version with that service name, compared case-insensitively (RFC 6335 §5.1).
    public func entries(named name: String, transport: TransportProtocol? = nil) throws(StoreError) -> [RegistryEntry] {
        try read { db in
            try StoredEntry.fetchAll(
                db,
                sql: """
                    SELECT * FROM entry
                    WHERE versionId = (SELECT versionId FROM currentRegistry) AND service = ? COLLATE NOCASE
                    AND (? IS NULL OR protocol IS NULL OR protocol = ?)
                    ORDER BY ordinal
                    """,
                arguments: [name, transport?.rawValue, transport?.rawValue]
            ).map(\.entry)
        }
    }

    /// Full-text search of the current version over names, descriptions, people and notes; every word must
    /// match, as a prefix. Best matches first. Any text is safe to pass: it is never read as query syntax.
    public func search(_ text: String, transport: TransportProtocol? = nil, limit: Int = 50) throws(StoreError) -> [RegistryEntry] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        return try read { db in
            try StoredEntry.fetchAll(
                db,
                sql: """
                    SELECT entry.* FROM entrySearch JOIN entry ON entry.id = entrySearch.rowid
                    WHERE entrySearch MATCH ? AND entry.versionId = (SELECT versionId FROM currentRegistry)
                    AND (? IS NULL OR entry.protocol IS NULL OR entry.protocol = ?)
                    ORDER BY bm25(entrySearch, 10.0, 2.0, 1.0, 1.0), entry.ordinal
                    LIMIT ?
                    """,
                arguments: [pattern, transport?.rawValue, transport?.rawValue, limit]
            ).map(\.entry)
        }
    }

    /// The people table rows of the current version for these ids; ids it lacks are left out.
    public func people(_ ids: some Sequence<String>) throws(StoreError) -> [String: Person] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        return try read { db in
            let marks = databaseQuestionMarks(count: wanted.count)
            let rows = try Person.fetchAll(
                db,
                sql: "SELECT * FROM person WHERE versionId = (SELECT versionId FROM currentRegistry) AND id IN (\(marks))",
                arguments: StatementArguments(wanted))
            return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every entry of a version, in registry order.
    public func allEntries(version id: Int64) throws(StoreError) -> [RegistryEntry] {
        try read { db in try Self.allEntries(version: id, db) }
    }

    /// The whole current registry: header, entries and people, as it was imported.
    public func currentDocument() throws(StoreError) -> RegistryDocument? {
        try read { db in
            guard let version = try Self.currentVersion(db) else { return nil }
            let people = try Person.fetchAll(db, sql: "SELECT * FROM person WHERE versionId = ? ORDER BY rowid", arguments: [version.id])
            return RegistryDocument(metadata: version.metadata, entries: try Self.allEntries(version: version.id, db), people: people)
        }
    }

    static func currentVersion(_ db: Database) throws -> RegistryVersion? {
        try RegistryVersion.fetchOne(
            db, sql: "SELECT registryVersion.* FROM registryVersion JOIN currentRegistry ON currentRegistry.versionId = registryVersion.id")
    }

    static func version(_ id: Int64, _ db: Database) throws -> RegistryVersion {
        guard let version = try RegistryVersion.fetchOne(db, sql: "SELECT * FROM registryVersion WHERE id = ?", arguments: [id]) else {
            throw StoreError.noSuchVersion(id)
        }
        return version
    }

    static func allEntries(version id: Int64, _ db: Database) throws -> [RegistryEntry] {
        try StoredEntry.fetchAll(db, sql: "SELECT * FROM entry WHERE versionId = ? ORDER BY ordinal", arguments: [id]).map(\.entry)
    }
}
