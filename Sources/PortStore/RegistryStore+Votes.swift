import Foundation
import GRDB
import PortRegistry

/// How many readers found a page helpful, and how many did not.
public struct VoteTally: Sendable, Hashable {
    public var yes: Int
    public var no: Int

    public init(yes: Int = 0, no: Int = 0) {
        self.yes = yes
        self.no = no
    }
}

/// One answer to "Was this page helpful?", as the server hands it to the store.
public struct Vote: Sendable, Hashable {
    /// The page's path without its language: `/ports/3331`.
    public var page: String
    public var language: String
    public var helpful: Bool
    /// An optional short comment, at most `Vote.maximumComment` characters.
    public var comment: String?
    /// A key for the voter, used for the limits only: the server's keyed hash of the voter's network, never an
    /// address. The store keeps it apart from the vote and forgets it once `RegistryStore.clientKeyLifetime` has passed.
    public var client: String

    public static let maximumComment = 500

    public init(page: String, language: String, helpful: Bool, comment: String?, client: String) {
        self.page = page
        self.language = language
        self.helpful = helpful
        let trimmed = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.comment = trimmed.isEmpty ? nil : String(trimmed.prefix(Self.maximumComment))
        self.client = client
    }
}

/// What became of a vote.
public enum VoteOutcome: String, Sendable {
    /// Stored and committed (to disk, or by PostgreSQL).
    case recorded
    /// Not stored: this client already voted on this page within a day, or voted too often this hour.
    case limited
}

extension RegistryStore {
    /// What became of a vote (the name it had before votes could live in PostgreSQL).
    public typealias VoteOutcome = PortStore.VoteOutcome

    /// How many votes one client may cast in an hour, over all pages.
    public static let votesPerClientPerHour = VoteLimits.perClientPerHour

    /// How long a client's key is kept: the longest limit's window (one vote a page a day). Older keys are
    /// deleted with every vote, so the store never holds more than a day of them.
    public static let clientKeyLifetime = VoteLimits.clientKeyLifetime

    /// Records a vote unless its client is over the limits (one vote a page a day; `votesPerClientPerHour` in
    /// all), and forgets client keys older than `clientKeyLifetime`. Returns once the vote is committed with
    /// `synchronous=FULL`: a `recorded` vote is on disk. The write runs on GRDB's writer queue, not on the
    /// caller's thread, so a slow disk never holds a thread of Swift's cooperative pool.
    public func record(_ vote: Vote, at time: Date = Date()) async throws(StoreError) -> VoteOutcome {
        let now = time.timeIntervalSince1970
        return try await write { db in
            try db.execute(sql: "DELETE FROM voteClient WHERE createdAt <= ?", arguments: [now - Self.clientKeyLifetime])
            let samePage =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM voteClient WHERE client = ? AND page = ?",
                    arguments: [vote.client, vote.page]
                ) ?? 0
            let thisHour =
                try Int.fetchOne(
                    db,
                    sql: "SELECT count(*) FROM voteClient WHERE client = ? AND createdAt > ?",
                    arguments: [vote.client, now - 3600]
                ) ?? 0
            guard samePage == 0, thisHour < Self.votesPerClientPerHour else { return .limited }
            try db.execute(
                sql: "INSERT INTO vote(page, language, helpful, comment, createdAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [vote.page, vote.language, vote.helpful, vote.comment, now]
            )
            try db.execute(sql: "INSERT INTO voteClient(client, page, createdAt) VALUES (?, ?, ?)", arguments: [vote.client, vote.page, now])
            return .recorded
        }
    }

    /// Deletes the client keys older than `clientKeyLifetime` (a vote does it too); returns how many went.
    public func forgetExpiredClientKeys(now: Date = Date()) async throws(StoreError) -> Int {
        let expired = now.timeIntervalSince1970 - Self.clientKeyLifetime
        return try await write { db in
            try db.execute(sql: "DELETE FROM voteClient WHERE createdAt <= ?", arguments: [expired])
            return db.changesCount
        }
    }

    /// The client keys the store holds now (for tests and audits: at most a day of them).
    public func clientKeys() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT client FROM voteClient ORDER BY createdAt") }
    }
}
