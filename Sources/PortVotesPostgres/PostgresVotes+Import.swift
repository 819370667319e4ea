import Foundation
import PortStore
import PostgresNIO

extension PostgresVotes {
    /// What moving votes over did.
    public struct ImportSummary: Sendable, Equatable {
        /// Votes read from the source.
        public var read: Int
        /// Votes added: the others were there already (moved before).
        public var added: Int

        public var alreadyThere: Int { read - added }

        public init(read: Int, added: Int) {
            self.read = read
            self.added = added
        }
    }

    /// Adds `votes` (read from an SQLite store) that are not here yet, in one transaction: each carries a key
    /// made of its own fields, so importing the same votes twice adds nothing. Client keys are not moved:
    /// they expire within a day and were made under the old server's secret.
    public func importVotes(_ votes: [StoredVote]) async throws(VoteStoreError) -> ImportSummary {
        try await reaching { () async throws -> ImportSummary in
            try await self.client.withTransaction(logger: self.logger) { connection async throws -> ImportSummary in
                var added = 0
                for vote in votes {
                    let created = vote.date.timeIntervalSince1970
                    let key = "sqlite|\(created.bitPattern)|\(vote.page)|\(vote.language)|\(vote.helpful)|\(vote.comment ?? "")"
                    added += try await connection.query(
                        """
                        INSERT INTO vote (page, language, helpful, comment, created_at, import_key)
                        VALUES (\(vote.page), \(vote.language), \(vote.helpful), \(vote.comment), \(created), md5(\(key)))
                        ON CONFLICT (import_key) DO NOTHING RETURNING 1
                        """,
                        logger: self.logger
                    ).collect().count
                }
                return ImportSummary(read: votes.count, added: added)
            }
        }
    }
}
