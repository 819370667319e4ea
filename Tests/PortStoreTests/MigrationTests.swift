import Foundation
import GRDB
import PortStore
import PortTestSupport
import Testing

@Suite("The store's migrations")
struct MigrationTests {
    @Test("a store from before v3 keeps its votes, and loses its voters' salted hashes and the salt")
    func votesSurviveV3() throws {
        let path = try TestData.temporaryFolder().appendingPathComponent("old.sqlite").path
        // The tables v3 changes, as v2 left them, and GRDB's record of v1 and v2 as applied.
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1: registry versions, entries, people, port index, search'), ('v2: votes');
                    CREATE TABLE currentRegistry (singleton INTEGER PRIMARY KEY, versionId INTEGER NOT NULL);
                    CREATE TABLE vote (id INTEGER PRIMARY KEY AUTOINCREMENT, page TEXT NOT NULL, language TEXT NOT NULL,
                        helpful BOOLEAN NOT NULL, comment TEXT, client TEXT NOT NULL, createdAt DOUBLE NOT NULL);
                    CREATE INDEX vote_page ON vote(page);
                    CREATE INDEX vote_client ON vote(client, createdAt);
                    CREATE TABLE voteSalt (value TEXT NOT NULL);
                    INSERT INTO voteSalt VALUES ('00112233');
                    INSERT INTO vote (page, language, helpful, comment, client, createdAt) VALUES
                        ('/ports/3331', 'en', 1, 'kept', 'aa', 1788000000), ('/ports/3331', 'uk', 0, NULL, 'bb', 1788000100);
                    """
            )
        }
        try old.close()
        let store = try RegistryStore(path: path)
        let votes = try store.reader().votes()
        #expect(votes.map(\.comment) == ["kept", nil])
        #expect(try store.reader().tally(page: "/ports/3331") == VoteTally(yes: 1, no: 1))
        let check = try DatabaseQueue(path: path)
        let (columns, salt, clients) = try check.read { db in
            (try db.columns(in: "vote").map(\.name), try db.tableExists("voteSalt"), try db.tableExists("voteClient"))
        }
        #expect(columns == ["id", "page", "language", "helpful", "comment", "createdAt"])
        #expect(!salt)
        #expect(clients)
    }
}

@Suite("A store written before v4, read as it is")
struct StoreBeforeV4Tests {
    @Test("lookups read a store whose entries have no portText column yet, as an older portatlas left it")
    func readsWithoutPortText() throws {
        let store = try RegistryStoreTests.importedStore()
        let path = store.path
        let old = try DatabaseQueue(path: path)
        try old.write { db in try db.execute(sql: "ALTER TABLE entry DROP COLUMN portText") }
        try old.close()
        let reader = try #require(try RegistryReader.open(path: path))
        let entries = try reader.entries(at: 3331)
        #expect(entries.map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
        #expect(try reader.entries(named: "mcs-messaging").count == 2)
    }
}
