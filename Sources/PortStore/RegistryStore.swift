import Foundation
import GRDB
import PortRegistry

/// The SQLite store's writing side: the schema and its migrations, imports and the choice of current version.
/// Queries go through `RegistryReader`.
///
/// Writes go through one GRDB `DatabasePool` in WAL mode; an import is one transaction, so a failed import
/// leaves the previous version current and whole, and readers never see half of one.
public final class RegistryStore: Sendable {
    private let writer: any DatabaseWriter
    /// The store's file.
    public let path: String

    /// Opens (creating it, and its folder, when missing) the store at `path`, in WAL mode, and migrates it.
    /// - Throws: `StoreError.cannotOpen` or `.notAStore`.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
        } catch {
            throw .cannotOpen(path: path, reason: error.localizedDescription)
        }
        do {
            writer = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    /// A reader on the same file, for queries.
    /// - Throws: `StoreError.notAStore` when the file cannot be read.
    public func reader() throws(StoreError) -> RegistryReader {
        guard let reader = try RegistryReader.open(path: path) else {
            throw .notAStore(path: path, reason: "the schema is missing")
        }
        return reader
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        // A vote the site confirmed must survive a power cut: in WAL mode, NORMAL may lose the last commits.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return configuration
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs a write transaction, turning SQLite's errors into `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .notAStore(path: path, reason: Self.reason(error))
        }
    }

    /// Runs a write transaction on GRDB's writer queue, off the caller's thread, turning SQLite's errors
    /// into `StoreError`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .notAStore(path: path, reason: Self.reason(error))
        }
    }

    /// Runs a read, turning SQLite's errors into `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .notAStore(path: path, reason: Self.reason(error))
        }
    }

    private func migrate() throws(StoreError) {
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw .notAStore(path: path, reason: Self.reason(error))
        }
    }

    /// The schema's history. Append-only: a shipped migration never changes.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: registry versions, entries, people, port index, search") { db in
            try db.create(table: "registryVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("updated", .text)
                t.column("title", .text).notNull()
                t.column("source", .text).notNull()
                t.column("format", .text).notNull()
                t.column("sha256", .text).notNull().unique()
                t.column("importedAt", .text).notNull()
                t.column("entryCount", .integer).notNull()
                t.column("peopleCount", .integer).notNull()
                t.column("etag", .text)
                t.column("lastModified", .text)
                t.column("metadata", .text).notNull()
            }
            try db.create(table: "currentRegistry") { t in
                t.primaryKey("singleton", .integer).check { $0 == 1 }
                t.column("versionId", .integer).notNull().references("registryVersion")
            }
            try db.create(table: "entry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("versionId", .integer).notNull().references("registryVersion", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("service", .text)
                t.column("portStart", .integer)
                t.column("portEnd", .integer)
                t.column("protocol", .text)
                t.column("description", .text).notNull()
                t.column("assignees", .text)
                t.column("contacts", .text)
                t.column("registrationDate", .text)
                t.column("modificationDate", .text)
                t.column("refs", .text)
                t.column("serviceCode", .integer)
                t.column("unauthorizedUse", .text)
                t.column("notes", .text)
            }
            try db.create(index: "entryByVersionOrdinal", on: "entry", columns: ["versionId", "ordinal"], unique: true)
            try db.execute(sql: "CREATE INDEX entryByServiceName ON entry(versionId, service COLLATE NOCASE)")
            // One row per port an entry covers, ranges expanded: "which entries cover port N" is one index seek.
            try db.execute(
                sql: """
                    CREATE TABLE portCoverage (
                        versionId INTEGER NOT NULL,
                        port INTEGER NOT NULL,
                        entryId INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
                        PRIMARY KEY (versionId, port, entryId)
                    ) WITHOUT ROWID
                    """
            )
            try db.create(table: "person") { t in
                t.column("versionId", .integer).notNull().references("registryVersion", onDelete: .cascade)
                t.column("id", .text).notNull()
                t.column("name", .text)
                t.column("organization", .text)
                t.column("uri", .text)
                t.column("updated", .text)
                t.primaryKey(["versionId", "id"])
            }
            try db.create(virtualTable: "entrySearch", using: FTS5()) { t in
                t.tokenizer = .unicode61()
                t.column("service")
                t.column("description")
                t.column("people")
                t.column("notes")
            }
        }
        migrator.registerMigration("v2: votes") { db in
            try db.create(table: "vote") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("page", .text).notNull()
                t.column("language", .text).notNull()
                t.column("helpful", .boolean).notNull()
                t.column("comment", .text)
                // A salted hash of the voter's address: enough to limit votes, not enough to identify anyone.
                t.column("client", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
            try db.create(index: "vote_page", on: "vote", columns: ["page"])
            try db.create(index: "vote_client", on: "vote", columns: ["client", "createdAt"])
            try db.create(table: "voteSalt") { t in t.column("value", .text).notNull() }
            var bytes = [UInt8](repeating: 0, count: 16)
            for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
            try db.execute(sql: "INSERT INTO voteSalt(value) VALUES (?)", arguments: [bytes.map { String(format: "%02x", $0) }.joined()])
        }
        migrator.registerMigration("v3: votes apart from client keys, which are keyed hashes kept a day") { db in
            // A vote keeps no trace of its voter. The limits read `voteClient`, whose keys are the server's HMAC
            // of the voter's network (with a secret outside this file) and are deleted after a day. The v2
            // salted hashes, with their salt beside them, go.
            try db.drop(index: "vote_client")
            try db.alter(table: "vote") { t in t.drop(column: "client") }
            try db.drop(table: "voteSalt")
            try db.create(table: "voteClient") { t in
                t.column("client", .text).notNull()
                t.column("page", .text).notNull()
                t.column("createdAt", .double).notNull()
            }
            try db.create(index: "voteClient_client", on: "voteClient", columns: ["client", "createdAt"])
            try db.create(index: "voteClient_createdAt", on: "voteClient", columns: ["createdAt"])
            try db.create(index: "vote_createdAt", on: "vote", columns: ["createdAt"])
        }
        migrator.registerMigration("v4 (registry): how a span was written, for a byte-faithful export") { db in
            // IANA writes six single ports as ranges (`4748-4748`); an export gives them back so. Null otherwise.
            // A store cut down to its vote tables (as the v3 migration test builds) has no entries to describe.
            guard try db.tableExists("entry") else { return }
            try db.alter(table: "entry") { t in t.add(column: "portText", .text) }
        }
        return migrator
    }
}
