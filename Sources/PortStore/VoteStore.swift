import Foundation

/// Where the site's votes are kept: the store's SQLite file (`SQLiteVotes`, one server) or PostgreSQL
/// (`PostgresVotes` in PortVotesPostgres, shared by replicas). Both keep the same limits, checked where the
/// votes are written, so they hold for every server writing there.
public protocol VoteStore: Sendable {
    /// What the store is, for logs and messages: `the store's SQLite file`, `PostgreSQL at db.example:5432/portatlas`.
    var description: String { get }

    /// Records `vote` unless its client is over the limits (one vote a page a day, `VoteLimits.perClientPerHour`
    /// in all). Returns once the vote is committed: a `recorded` vote survives a crash of the server.
    /// - Throws: `VoteStoreError.unavailable` when the votes cannot be reached now; the vote is then not recorded.
    func record(_ vote: Vote, at time: Date) async throws(VoteStoreError) -> VoteOutcome

    /// The tally for one page, over every language.
    func tally(page: String) async throws(VoteStoreError) -> VoteTally

    /// The votes on `page` (every page when `nil`) cast at or after `since`, oldest first.
    func votes(page: String?, since: Date?) async throws(VoteStoreError) -> [StoredVote]

    /// How many votes the store holds.
    func voteCount() async throws(VoteStoreError) -> Int

    /// The client keys held now, oldest first (for tests and audits: at most a day of them).
    func clientKeys() async throws(VoteStoreError) -> [String]

    /// The votes stored after `cursor` (every vote when `nil`, up to `limit`), as their numbers and pages, so
    /// a server can drop the pages whose tallies another server changed.
    func changes(after cursor: Int64?, limit: Int) async throws(VoteStoreError) -> [VoteChange]

    /// The number of the last vote stored, 0 before any: where `changes(after:limit:)` starts.
    func lastVoteID() async throws(VoteStoreError) -> Int64

    /// Deletes every client key older than `VoteLimits.clientKeyLifetime`; returns how many went.
    func forgetExpiredClientKeys(now: Date) async throws(VoteStoreError) -> Int

    /// Keeps the connections to the votes (a pool) until the task is cancelled; returns at once when there
    /// is nothing to keep.
    func run() async
}

/// The limits every vote store keeps.
public enum VoteLimits {
    /// How many votes one client may cast in an hour, over all pages.
    public static let perClientPerHour = 30
    /// How long a client's key is kept: the longest limit's window (one vote a page a day).
    public static let clientKeyLifetime: TimeInterval = 86400
}

/// A vote as `VoteStore.changes(after:limit:)` reports it: its number in the store and its page.
public struct VoteChange: Sendable, Hashable {
    public var id: Int64
    public var page: String

    public init(id: Int64, page: String) {
        self.id = id
        self.page = page
    }
}

/// What can go wrong with the votes. Every message names the value or the place concerned; a PostgreSQL
/// URL is shown without its password.
public enum VoteStoreError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// `--votes` or `PORTATLAS_VOTES_URL` is not a URL the vote stores take.
    case malformedLocation(String, reason: String)
    /// The votes cannot be reached now (the database is down, or did not answer in time).
    case unavailable(String, reason: String)
    /// The SQLite store's votes cannot be read or written.
    case store(StoreError)
    /// The database answered with an error that is not about reaching it.
    case failed(String, reason: String)

    public var description: String {
        switch self {
        case .malformedLocation(let text, let reason):
            "'\(text)' is not a place for votes: \(reason) (expected a PostgreSQL URL such as postgres://portatlas@db.example/portatlas)"
        case .unavailable(let place, let reason): "the votes at \(place) cannot be reached: \(reason)"
        case .store(let error): error.description
        case .failed(let place, let reason): "the votes at \(place) answered with an error: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
