import Foundation
import GRDB
import PortRegistry

extension RegistryStore {
    /// Where an import came from and how it was fetched.
    public struct ImportSource: Sendable, Hashable {
        /// A URL or file path.
        public var location: String
        /// The file's bytes' SHA-256, in hex.
        public var sha256: String
        public var format: RegistryFormat
        public var etag: String?
        public var lastModified: String?

        public init(location: String, sha256: String, format: RegistryFormat, etag: String? = nil, lastModified: String? = nil) {
            self.location = location
            self.sha256 = sha256
            self.format = format
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// What an import did.
    public struct ImportOutcome: Sendable {
        /// The version now current.
        public var version: RegistryVersion
        /// The version that was current before, if any.
        public var previous: RegistryVersion?
        /// True when the same file (by SHA-256) had been imported before: nothing new was stored.
        public var alreadyImported: Bool
        /// What changed against the previous current version; `nil` when there was none.
        public var changes: RegistryDiff?
    }

    /// Stores a decoded registry as a new version and makes it current, in one transaction.
    ///
    /// A file imported before (same SHA-256) is not stored twice: that version becomes current again.
    /// - Throws: `StoreError` when the database cannot be written; the previous version then stays current.
    public func importRegistry(_ document: RegistryDocument, from source: ImportSource, at date: Date = Date()) throws(StoreError) -> ImportOutcome {
        let reader = try reader()
        let previous = try reader.currentVersion()
        let existing = try reader.versions().first { $0.sha256 == source.sha256 }
        let versionID: Int64 = try write { db in
            if let existing {
                try Self.makeCurrent(existing.id, db)
                return existing.id
            }
            let metadata = String(decoding: try JSONEncoder().encode(document.metadata), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO registryVersion (updated, title, source, format, sha256, importedAt, entryCount, peopleCount, etag, lastModified, metadata)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    document.effectiveUpdated, document.metadata.title, source.location, source.format.rawValue, source.sha256,
                    Self.timestamp(date), document.entries.count, document.people.count, source.etag, source.lastModified, metadata,
                ]
            )
            let versionID = db.lastInsertedRowID
            try Self.insertPeople(document.people, version: versionID, db)
            try Self.insertEntries(document, version: versionID, db)
            try Self.makeCurrent(versionID, db)
            return versionID
        }
        guard let version = try reader.currentVersion(), version.id == versionID else { throw StoreError.noSuchVersion(versionID) }
        let changes: RegistryDiff? = try previous.map { old throws(StoreError) in
            let new = existing == nil ? document.entries : try reader.allEntries(version: versionID)
            return RegistryDiff(from: try reader.allEntries(version: old.id), to: new)
        }
        return ImportOutcome(version: version, previous: previous, alreadyImported: existing != nil, changes: changes)
    }

    /// Makes an earlier version current again.
    /// - Throws: `StoreError.noSuchVersion` when there is none with that number.
    public func makeCurrent(version id: Int64) throws(StoreError) -> RegistryVersion {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM registryVersion WHERE id = ?", arguments: [id]) == 1 else {
                throw StoreError.noSuchVersion(id)
            }
            try Self.makeCurrent(id, db)
        }
        guard let version = try reader().currentVersion() else { throw StoreError.noSuchVersion(id) }
        return version
    }

    private static func makeCurrent(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO currentRegistry (singleton, versionId) VALUES (1, ?)", arguments: [id])
    }

    private static func insertPeople(_ people: [Person], version: Int64, _ db: Database) throws {
        let statement = try db.makeStatement(
            sql: "INSERT OR REPLACE INTO person (versionId, id, name, organization, uri, updated) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for person in people {
            try statement.execute(arguments: [version, person.id, person.name, person.organization, person.uri, person.updated])
        }
    }

    private static func insertEntries(_ document: RegistryDocument, version: Int64, _ db: Database) throws {
        let insertEntry = try db.makeStatement(
            sql: """
                INSERT INTO entry (versionId, ordinal, service, portStart, portEnd, protocol, description, assignees, contacts,
                    registrationDate, modificationDate, refs, serviceCode, unauthorizedUse, notes, portText)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        let insertCoverage = try db.makeStatement(sql: "INSERT OR IGNORE INTO portCoverage (versionId, port, entryId) VALUES (?, ?, ?)")
        let insertSearch = try db.makeStatement(
            sql: "INSERT INTO entrySearch (rowid, service, description, people, notes) VALUES (?, ?, ?, ?, ?)"
        )
        let names = Dictionary(document.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        for (ordinal, entry) in document.entries.enumerated() {
            let references = entry.references.isEmpty ? nil : String(decoding: try encoder.encode(entry.references), as: UTF8.self)
            try insertEntry.execute(arguments: [
                version, ordinal, entry.serviceName, entry.ports.map { Int($0.start) }, entry.ports.map { Int($0.end) },
                entry.transport?.rawValue, entry.description, StoredLists.joined(entry.assignees), StoredLists.joined(entry.contacts),
                entry.registrationDate, entry.modificationDate, references, entry.serviceCode.map { Int64($0) },
                entry.unauthorizedUse, entry.notes, entry.ports.flatMap { $0.isWrittenAsRange ? $0.description : nil },
            ])
            let entryID = db.lastInsertedRowID
            if let ports = entry.ports {
                for port in ports.start...ports.end {
                    try insertCoverage.execute(arguments: [version, Int(port), entryID])
                }
            }
            let people = Set(entry.assignees + entry.contacts).sorted().map { id in
                [id, names[id]?.name, names[id]?.organization].compactMap { $0 }.joined(separator: " ")
            }
            let notes = [entry.notes, entry.unauthorizedUse].compactMap { $0 }.joined(separator: "\n")
            try insertSearch.execute(arguments: [entryID, entry.serviceName, entry.description, people.joined(separator: "\n"), notes])
        }
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
