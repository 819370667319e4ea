import Foundation
import Logging
import PortStore
import PostgresNIO

/// The votes in PostgreSQL, shared by every replica of the site, through postgres-nio's connection pool.
///
/// The limits are kept by the database, so they hold across replicas: a client's key and a page are the
/// primary key of `vote_client` (one vote a page a day), and the hourly count is read and the vote written in
/// one transaction holding a lock on the client's key (`pg_advisory_xact_lock`), so two votes of one client
/// on two replicas take turns and the second counts the first. (A SERIALIZABLE transaction did the same, but
/// its predicate locks cover index pages, not clients: under load unrelated votes aborted each other.)
/// `record` returns only after PostgreSQL committed.
///
/// The store starts without the database: the schema is migrated on the first call that reaches it, so a
/// replica that starts while PostgreSQL is down serves pages and votes again once it is back. Every call has
/// a deadline (`timeout`); a call that misses it, or cannot connect, throws `VoteStoreError.unavailable`.
public final class PostgresVotes: VoteStore {
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    let migrated = Migrated()
    /// How long one call may take, connecting included.
    public let timeout: Duration

    /// How many times a vote is retried when PostgreSQL aborts its transaction for a conflict.
    static let conflictRetries = 8

    /// A store for the database at `location`; call `run()` in a task of its own to connect.
    public init(location: PostgresLocation, timeout: Duration = .seconds(5), logger: Logger = Logger(label: "portatlas.votes")) {
        self.location = location
        self.timeout = timeout
        self.logger = logger
        self.client = PostgresClient(configuration: location.configuration, backgroundLogger: logger)
    }

    /// A store for the database at `url`.
    /// - Throws: `VoteStoreError.malformedLocation` naming the URL (its password hidden).
    public convenience init(url: String, timeout: Duration = .seconds(5), logger: Logger = Logger(label: "portatlas.votes")) throws(VoteStoreError) {
        self.init(location: try PostgresLocation(parsing: url), timeout: timeout, logger: logger)
    }

    public var description: String { location.place }

    public func run() async { await client.run() }

    // MARK: Votes

    public func record(_ vote: Vote, at time: Date) async throws(VoteStoreError) -> VoteOutcome {
        let now = time.timeIntervalSince1970
        let expired = now - VoteLimits.clientKeyLifetime
        let hourAgo = now - 3600
        let limit = VoteLimits.perClientPerHour
        return try await reaching { () async throws -> VoteOutcome in
            for attempt in 1...Self.conflictRetries {
                do {
                    return try await self.client.withTransaction(logger: self.logger) { connection async throws -> VoteOutcome in
                        // One transaction at a time per client, whichever replica runs it: the count below then
                        // sees the client's other votes committed. Other clients never wait.
                        try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(vote.client), 6335))", logger: self.logger)
                        // A key past its day no longer limits: its row goes before the insert meets it.
                        try await connection.query(
                            "DELETE FROM vote_client WHERE client = \(vote.client) AND created_at <= \(expired)",
                            logger: self.logger
                        )
                        let claimed = try await connection.query(
                            """
                            INSERT INTO vote_client (client, page, created_at) VALUES (\(vote.client), \(vote.page), \(now))
                            ON CONFLICT (client, page) DO NOTHING RETURNING 1
                            """,
                            logger: self.logger
                        ).collect().count
                        guard claimed == 1 else { return .limited }
                        var thisHour = 0
                        for try await count in try await connection.query(
                            "SELECT count(*) FROM vote_client WHERE client = \(vote.client) AND created_at > \(hourAgo)",
                            logger: self.logger
                        ).decode(Int64.self) {
                            thisHour = Int(count)
                        }
                        // Over the limit: the claim made above must not stay.
                        guard thisHour <= limit else { throw OverTheLimit() }
                        try await connection.query(
                            """
                            INSERT INTO vote (page, language, helpful, comment, created_at)
                            VALUES (\(vote.page), \(vote.language), \(vote.helpful), \(vote.comment), \(now))
                            """,
                            logger: self.logger
                        )
                        return .recorded
                    }
                } catch let error as PostgresTransactionError {
                    if error.closureError is OverTheLimit { return .limited }
                    guard let inner = Self.cause(of: error) as? PSQLError, Self.isConflict(inner), attempt < Self.conflictRetries else {
                        throw Self.cause(of: error)
                    }
                    // A deadlock or serialization failure: wait a moment, then again.
                    try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
                }
            }
            throw VoteStoreError.failed(self.location.place, reason: "a vote conflicted with others \(Self.conflictRetries) times")
        }
    }

    public func tally(page: String) async throws(VoteStoreError) -> VoteTally {
        try await reaching { () async throws -> VoteTally in
            var tally = VoteTally()
            for try await (yes, no) in try await self.client.query(
                "SELECT count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful) FROM vote WHERE page = \(page)",
                logger: self.logger
            ).decode((Int64, Int64).self) {
                tally = VoteTally(yes: Int(yes), no: Int(no))
            }
            return tally
        }
    }

    public func votes(page: String?, since: Date?) async throws(VoteStoreError) -> [StoredVote] {
        let from = since?.timeIntervalSince1970 ?? 0
        return try await reaching { () async throws -> [StoredVote] in
            var votes: [StoredVote] = []
            for try await (page, language, helpful, comment, created) in try await self.client.query(
                """
                SELECT page, language, helpful, comment, created_at FROM vote
                WHERE (\(page)::text IS NULL OR page = \(page)) AND created_at >= \(from) ORDER BY created_at, id
                """,
                logger: self.logger
            ).decode((String, String, Bool, String?, Double).self) {
                votes.append(
                    StoredVote(page: page, language: language, helpful: helpful, comment: comment, date: Date(timeIntervalSince1970: created))
                )
            }
            return votes
        }
    }

    public func voteCount() async throws(VoteStoreError) -> Int {
        try await reaching { () async throws -> Int in
            var count = 0
            for try await value in try await self.client.query("SELECT count(*) FROM vote", logger: self.logger).decode(Int64.self) {
                count = Int(value)
            }
            return count
        }
    }

    public func clientKeys() async throws(VoteStoreError) -> [String] {
        try await reaching { () async throws -> [String] in
            var keys: [String] = []
            for try await key in try await self.client.query("SELECT client FROM vote_client ORDER BY created_at", logger: self.logger)
                .decode(String.self)
            {
                keys.append(key)
            }
            return keys
        }
    }

    public func changes(after cursor: Int64?, limit: Int) async throws(VoteStoreError) -> [VoteChange] {
        try await reaching { () async throws -> [VoteChange] in
            var changes: [VoteChange] = []
            for try await (id, page) in try await self.client.query(
                "SELECT id, page FROM vote WHERE id > \(cursor ?? 0) ORDER BY id LIMIT \(Int64(limit))",
                logger: self.logger
            ).decode((Int64, String).self) {
                changes.append(VoteChange(id: id, page: page))
            }
            return changes
        }
    }

    public func lastVoteID() async throws(VoteStoreError) -> Int64 {
        try await reaching { () async throws -> Int64 in
            var last: Int64 = 0
            for try await id in try await self.client.query("SELECT coalesce(max(id), 0)::bigint FROM vote", logger: self.logger).decode(Int64.self) {
                last = id
            }
            return last
        }
    }

    /// Deletes the client keys older than `VoteLimits.clientKeyLifetime` (each vote deletes its own client's;
    /// this deletes everyone's). Returns how many went.
    @discardableResult
    public func forgetExpiredClientKeys(now: Date) async throws(VoteStoreError) -> Int {
        let expired = now.timeIntervalSince1970 - VoteLimits.clientKeyLifetime
        return try await reaching { () async throws -> Int in
            try await self.client.query("DELETE FROM vote_client WHERE created_at <= \(expired) RETURNING 1", logger: self.logger)
                .collect().count
        }
    }

    // MARK: Reaching the database

    /// Runs `body` once the schema is migrated, within `timeout`, turning failures into `VoteStoreError`.
    /// At the deadline the caller gets its answer at once; the work is cancelled, not waited for (a pool
    /// waiting on a database that hangs may take longer to notice).
    func reaching<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws(VoteStoreError) -> T {
        let place = location.place
        let timeout = self.timeout
        do {
            return try await Self.first(within: timeout, or: VoteStoreError.unavailable(place, reason: "no answer within \(timeout)")) {
                if !self.migrated.done { try await self.migrate() }
                return try await body()
            }
        } catch let error as VoteStoreError {
            throw error
        } catch let error as PSQLError {
            throw Self.storeError(error, place: place)
        } catch let error as PostgresTransactionError {
            if let inner = Self.cause(of: error) as? PSQLError { throw Self.storeError(inner, place: place) }
            throw .unavailable(place, reason: "\(Self.cause(of: error))")
        } catch {
            throw .unavailable(place, reason: "\(error)")
        }
    }

    /// `body`'s result, or `late` thrown once `timeout` has passed, whichever comes first.
    static func first<T: Sendable>(
        within timeout: Duration,
        or late: any Error,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let answer = Answer<T>()
        return try await withCheckedThrowingContinuation { continuation in
            answer.wait(continuation)
            let work = Task {
                do { answer.give(.success(try await body())) } catch { answer.give(.failure(error)) }
            }
            let timer = Task {
                try? await Task.sleep(for: timeout)
                if answer.give(.failure(late)) { work.cancel() }
            }
            answer.onAnswer { timer.cancel() }
        }
    }

    /// The error that ended a transaction: its body's, else its BEGIN's or COMMIT's.
    static func cause(of error: PostgresTransactionError) -> any Error {
        error.closureError ?? error.commitError ?? error.beginError ?? error
    }

    /// Serialization failures and deadlocks: the transaction may simply be run again.
    static func isConflict(_ error: PSQLError) -> Bool {
        ["40001", "40P01"].contains(error.serverInfo?[.sqlState] ?? "")
    }

    /// A server's error (it answered) is `failed`; anything on the way to it is `unavailable`.
    static func storeError(_ error: PSQLError, place: String) -> VoteStoreError {
        if let info = error.serverInfo {
            let message = info[.message] ?? "error"
            // Class 57 (shut down, cannot connect now) and 08 (connection) are the server going away.
            let state = info[.sqlState] ?? ""
            if state.hasPrefix("57") || state.hasPrefix("08") { return .unavailable(place, reason: message) }
            return .failed(place, reason: "\(message) (SQLSTATE \(state))")
        }
        if let underlying = error.underlying { return .unavailable(place, reason: "\(underlying)") }
        return .unavailable(place, reason: "\(error.code)")
    }

    struct OverTheLimit: Error {}
}

/// Whether this process has migrated the schema (once is enough).
final class Migrated: @unchecked Sendable {
    // @unchecked: `value` is touched under `lock`.
    private let lock = NSLock()
    private var value = false

    var done: Bool {
        get {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            value = newValue
        }
    }
}

/// One answer for a continuation, from whichever of two tasks gives it first.
final class Answer<T: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var given = false
    private var after: (@Sendable () -> Void)?

    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        self.continuation = continuation
    }

    /// Runs `action` once the answer is given (at once when it is).
    func onAnswer(_ action: @escaping @Sendable () -> Void) {
        lock.lock()
        if given {
            lock.unlock()
            action()
            return
        }
        after = action
        lock.unlock()
    }

    /// Gives `result` unless an answer was given; true when this one was.
    @discardableResult
    func give(_ result: Result<T, any Error>) -> Bool {
        lock.lock()
        guard !given, let continuation else {
            lock.unlock()
            return false
        }
        given = true
        let action = after
        lock.unlock()
        continuation.resume(with: result)
        action?()
        return true
    }
}
