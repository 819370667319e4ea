import Foundation

/// A vote as the store keeps it: no client, no address.
public struct StoredVote: Sendable, Hashable {
    /// The page's path without its language: `/ports/3331`.
    public var page: String
    public var language: String
    public var helpful: Bool
    public var comment: String?
    /// When it was cast.
    public var date: Date

    public init(page: String, language: String, helpful: Bool, comment: String?, date: Date) {
        self.page = page
        self.language = language
        self.helpful = helpful
        self.comment = comment
        self.date = date
    }
}

extension RegistryReader {
    /// The tally for one page, over every language.
    public func tally(page: String) throws(StoreError) -> VoteTally {
        try rows(
            "SELECT coalesce(sum(helpful), 0), count(*) - coalesce(sum(helpful), 0) FROM vote WHERE page = ?",
            [.text(page)]
        ) { VoteTally(yes: Int($0.int(0) ?? 0), no: Int($0.int(1) ?? 0)) }.first ?? VoteTally()
    }

    /// How many votes the store holds.
    public func voteCount() throws(StoreError) -> Int {
        Int(try rows("SELECT count(*) FROM vote") { $0.int(0) ?? 0 }.first ?? 0)
    }

    /// The votes on `page` (every page when `nil`) cast at or after `since`, oldest first.
    public func votes(page: String? = nil, since: Date? = nil) throws(StoreError) -> [StoredVote] {
        try rows(
            """
            SELECT page, language, helpful, comment, createdAt FROM vote
            WHERE (?1 IS NULL OR page = ?1) AND createdAt >= ?2 ORDER BY createdAt, id
            """,
            [.text(page), .real(since?.timeIntervalSince1970 ?? 0)]
        ) { row in
            StoredVote(
                page: row.text(0) ?? "",
                language: row.text(1) ?? "",
                helpful: row.int(2) == 1,
                comment: row.text(3),
                date: Date(timeIntervalSince1970: row.double(4))
            )
        }
    }
}

extension RegistryReader {
    /// The votes stored after `cursor` (every vote when `nil`), oldest first, at most `limit`.
    public func voteChanges(after cursor: Int64?, limit: Int) throws(StoreError) -> [VoteChange] {
        try rows("SELECT id, page FROM vote WHERE id > ? ORDER BY id LIMIT ?", [.int(cursor ?? 0), .int(Int64(limit))]) { row in
            VoteChange(id: row.int(0) ?? 0, page: row.text(1) ?? "")
        }
    }
}

extension RegistryReader {
    /// The number of the last vote stored, 0 before any.
    public func lastVoteID() throws(StoreError) -> Int64 {
        try rows("SELECT coalesce(max(id), 0) FROM vote") { $0.int(0) ?? 0 }.first ?? 0
    }
}
