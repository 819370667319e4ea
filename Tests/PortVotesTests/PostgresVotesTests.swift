import Foundation
import PortStore
import PortTestSupport
import PortVotesPostgres
import Testing

/// What only the PostgreSQL store does: read URLs, migrate, move votes from SQLite, and say when it is away.
@Suite("Votes in PostgreSQL")
struct PostgresVotesTests {
    @Test("a URL is read as libpq reads it; a bad one is refused naming it, its password hidden")
    func urls() throws {
        let full = try PostgresLocation(parsing: "postgres://portatlas:secret@db.example:6543/votes?sslmode=require")
        #expect(full.endpoint == .tcp(host: "db.example", port: 6543))
        #expect(full.user == "portatlas" && full.password == "secret" && full.database == "votes" && full.sslMode == .require)
        #expect(full.shown == "postgres://portatlas:***@db.example:6543/votes?sslmode=require")
        let short = try PostgresLocation(parsing: "postgresql://portatlas@127.0.0.1")
        #expect(short.endpoint == .tcp(host: "127.0.0.1", port: 5432) && short.database == "portatlas" && short.sslMode == .prefer)
        let socket = try PostgresLocation(parsing: "postgres://portatlas@/portatlas?host=/run/postgresql")
        #expect(socket.endpoint == .socket(path: "/run/postgresql/.s.PGSQL.5432"))

        #expect(throws: VoteStoreError.malformedLocation("mysql://a@b/c", reason: "the scheme is 'mysql', not postgres or postgresql")) {
            try PostgresLocation(parsing: "mysql://a@b/c")
        }
        #expect(throws: VoteStoreError.malformedLocation("postgres://db.example/votes", reason: "it names no user (postgres://USER@HOST/DATABASE)")) {
            try PostgresLocation(parsing: "postgres://db.example/votes")
        }
        #expect(
            throws: VoteStoreError.malformedLocation(
                "postgres://a:***@b/c?sslmode=maybe",
                reason: "sslmode 'maybe' is not one of disable, prefer, require, verify-full"
            )
        ) {
            try PostgresLocation(parsing: "postgres://a:pw@b/c?sslmode=maybe")
        }
        #expect(throws: VoteStoreError.malformedLocation("votes.sqlite", reason: "it is not a URL")) {
            try PostgresLocation(parsing: "votes.sqlite")
        }
        #expect(
            VoteStoreError.malformedLocation("x", reason: "y").description
                == "'x' is not a place for votes: y (expected a PostgreSQL URL such as postgres://portatlas@db.example/portatlas)"
        )
    }

    @Test("nothing listening: a vote ends at its deadline as unavailable, naming the database")
    func unavailable() async throws {
        // A port nothing listens on: the pool retries connecting; the deadline ends the call.
        let port = try BoundSocket(tcp: true, address: "127.0.0.1").port
        let store = try PostgresVotes(url: "postgres://portatlas@127.0.0.1:\(port)/portatlas?sslmode=disable", timeout: .milliseconds(700))
        try await VoteBackend.running([store]) { () async throws in
            await #expect {
                _ = try await store.record(Vote(page: "/ports/1", language: "en", helpful: true, comment: nil, client: "c"), at: Date())
            } throws: { error in
                guard case .unavailable(let place, _) = error as? VoteStoreError else { return false }
                return place == "PostgreSQL at 127.0.0.1:\(port)/portatlas"
            }
        }
    }

    @Test("the schema is migrated once, by whichever store comes first, and recorded as version 1")
    func migrations() async throws {
        let url = try await VoteBackend.freshDatabase()
        let first = try PostgresVotes(url: url, timeout: VoteBackend.testTimeout)
        let second = try PostgresVotes(url: url, timeout: VoteBackend.testTimeout)
        try await VoteBackend.running([first, second]) { () async throws in
            async let a = first.voteCount()
            async let b = second.voteCount()
            #expect(try await [a, b] == [0, 0])
            #expect(try await first.schemaVersions() == [1])
        }
    }

    @Test("votes move over from an SQLite store; moving them again adds nothing")
    func importFromSQLite() async throws {
        let path = try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path
        let sqlite = try RegistryStore(path: path)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try await sqlite.record(Vote(page: "/ports/3331", language: "en", helpful: true, comment: "thanks", client: "a"), at: start)
        _ = try await sqlite.record(Vote(page: "/ports/3331", language: "uk", helpful: false, comment: nil, client: "b"), at: start + 0.25)
        _ = try await sqlite.record(Vote(page: "/ports/80", language: "en", helpful: true, comment: nil, client: "a"), at: start + 1)
        let votes = try sqlite.reader().votes()
        let store = try PostgresVotes(url: try await VoteBackend.freshDatabase(), timeout: VoteBackend.testTimeout)
        try await VoteBackend.running([store]) { () async throws in
            #expect(try await store.importVotes(votes) == .init(read: 3, added: 3))
            #expect(try await store.importVotes(votes) == .init(read: 3, added: 0))
            #expect(try await store.votes(page: nil, since: nil) == votes)
            #expect(try await store.tally(page: "/ports/3331") == VoteTally(yes: 1, no: 1))
        }
    }
}
