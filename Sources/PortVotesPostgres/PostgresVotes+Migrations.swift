import Foundation
import PortStore
import PostgresNIO

extension PostgresVotes {
    /// One step of the schema: statements run in one transaction with the step's row in `portatlas_migration`.
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [PostgresQuery]
    }

    /// The schema's history. Append-only: a shipped migration never changes (votes are the owner's data).
    static let migrations: [Migration] = [
        Migration(
            version: 1,
            name: "votes, and client keys kept a day",
            statements: [
                // A vote keeps no trace of its voter. `import_key` is set for votes moved from an SQLite store
                // only, so that moving them twice adds nothing.
                """
                CREATE TABLE vote (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    page text NOT NULL,
                    language text NOT NULL,
                    helpful boolean NOT NULL,
                    comment text,
                    created_at double precision NOT NULL,
                    import_key text UNIQUE
                )
                """,
                "CREATE INDEX vote_page ON vote (page)",
                "CREATE INDEX vote_created_at ON vote (created_at)",
                // The limits' keys: the server's keyed hash of a voter's network, deleted after a day. The
                // primary key is the daily limit itself.
                """
                CREATE TABLE vote_client (
                    client text NOT NULL,
                    page text NOT NULL,
                    created_at double precision NOT NULL,
                    PRIMARY KEY (client, page)
                )
                """,
                "CREATE INDEX vote_client_hour ON vote_client (client, created_at)",
                "CREATE INDEX vote_client_created_at ON vote_client (created_at)",
            ]
        )
    ]

    /// The advisory lock replicas starting at once take turns on, so one migrates and the others see it done.
    static let migrationLock: Int64 = 6335

    /// Brings the schema up to date, in one transaction per step, and remembers that it is.
    func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: self.logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS portatlas_migration (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: self.logger
            )
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM portatlas_migration", logger: self.logger)
                .decode(Int32.self)
            {
                applied.insert(Int(version))
            }
            for migration in Self.migrations where !applied.contains(migration.version) {
                for statement in migration.statements { try await connection.query(statement, logger: self.logger) }
                try await connection.query(
                    "INSERT INTO portatlas_migration (version, name) VALUES (\(Int32(migration.version)), \(migration.name))",
                    logger: self.logger
                )
            }
        }
        migrated.done = true
    }

    /// The schema versions the database holds, oldest first (for tests and `votes migrate`).
    public func schemaVersions() async throws(VoteStoreError) -> [Int] {
        try await reaching { () async throws -> [Int] in
            var versions: [Int] = []
            for try await version in try await self.client.query("SELECT version FROM portatlas_migration ORDER BY version", logger: self.logger)
                .decode(Int32.self)
            {
                versions.append(Int(version))
            }
            return versions
        }
    }
}
