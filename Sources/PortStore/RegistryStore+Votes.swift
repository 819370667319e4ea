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

/// One answer to "Was this page helpful?".
public struct Vote: Sendable, Hashable {
    /// The page's path without its language: `/ports/3331`.
    public var page: String
    public var language: String
    public var helpful: Bool
    /// An optional short comment, at most `Vote.maximumComment` characters.
    public var comment: String?
    /// The voter's network address, as the server saw it; stored only as a salted hash.
    public var client: String

    public static let maximumComment = 500

    public init(page: String, language: String, helpful: Bool, comment: String?, client: String) {
        self.page = page
        self.language = language
        self.helpful = helpful
        let trimmed = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.comment = (trimmed?.isEmpty ?? true) ? nil : String(trimmed!.prefix(Self.maximumComment))
        self.client = client
    }
}

extension RegistryStore {
    /// What became of a vote.
    public enum VoteOutcome: String, Sendable {
        /// Stored and committed to disk.
        case recorded
        /// Not stored: this client already voted on this page within a day, or voted too often this hour.
        case limited
    }

    /// How many votes one client may cast in an hour, over all pages.
    public static let votesPerClientPerHour = 30

    /// Records a vote unless its client is over the limits (one vote a page a day; `votesPerClientPerHour`
    /// in all). Returns once the vote is committed: a `recorded` vote is on disk.
    public func record(_ vote: Vote, at time: Date = Date()) throws(StoreError) -> VoteOutcome {
        let now = time.timeIntervalSince1970
        return try write { db in
            let salt = try String.fetchOne(db, sql: "SELECT value FROM voteSalt") ?? ""
            let client = SHA256.hexDigest(of: Array((salt + "|" + vote.client).utf8))
            let samePage = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM vote WHERE client = ? AND page = ? AND createdAt > ?",
                arguments: [client, vote.page, now - 86400]) ?? 0
            let thisHour = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM vote WHERE client = ? AND createdAt > ?", arguments: [client, now - 3600]) ?? 0
            guard samePage == 0, thisHour < Self.votesPerClientPerHour else { return .limited }
            try db.execute(
                sql: "INSERT INTO vote(page, language, helpful, comment, client, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [vote.page, vote.language, vote.helpful, vote.comment, client, now])
            return .recorded
        }
    }

    /// The tally for one page, over every language.
    public func tally(page: String) throws(StoreError) -> VoteTally {
        try read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT coalesce(sum(helpful), 0) AS yes, count(*) - coalesce(sum(helpful), 0) AS no FROM vote WHERE page = ?",
                arguments: [page])
            return VoteTally(yes: row?["yes"] ?? 0, no: row?["no"] ?? 0)
        }
    }

    /// The tallies of every page with votes.
    public func tallies() throws(StoreError) -> [String: VoteTally] {
        try read { db in
            var tallies: [String: VoteTally] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT page, sum(helpful) AS yes, count(*) - sum(helpful) AS no FROM vote GROUP BY page") {
                tallies[row["page"]] = VoteTally(yes: row["yes"], no: row["no"])
            }
            return tallies
        }
    }

    /// How many votes the store holds.
    public func voteCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM vote") ?? 0 }
    }

    /// The comments left with votes on a page, newest first.
    public func comments(page: String, limit: Int = 50) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT comment FROM vote WHERE page = ? AND comment IS NOT NULL ORDER BY id DESC LIMIT ?", arguments: [page, limit])
        }
    }
}
