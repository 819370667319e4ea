import Foundation

/// The votes in the store's own SQLite file: the default, for one server. Writes go through the store's
/// writer (committed with `synchronous=FULL`), reads through a reader of their own.
public struct SQLiteVotes: VoteStore {
    public let store: RegistryStore
    /// The connection a read goes through: the server's pool hands out its next one.
    let next: @Sendable () -> RegistryReader

    var reader: RegistryReader { next() }

    /// The votes in `store`'s file, read through a connection of their own.
    /// - Throws: `StoreError.notAStore` when the file cannot be read.
    public init(store: RegistryStore) throws(StoreError) {
        let reader = try store.reader()
        self.init(store: store, readers: { reader })
    }

    /// The votes in `store`'s file, read through `readers` (a pool's next connection each time), so that
    /// tallies are read in parallel with the pages.
    public init(store: RegistryStore, readers: @escaping @Sendable () -> RegistryReader) {
        self.store = store
        self.next = readers
    }

    public var description: String { "the store's SQLite file \(store.path)" }

    public func record(_ vote: Vote, at time: Date) async throws(VoteStoreError) -> VoteOutcome {
        do { return try await store.record(vote, at: time) } catch { throw .store(error) }
    }

    public func tally(page: String) async throws(VoteStoreError) -> VoteTally {
        do { return try reader.tally(page: page) } catch { throw .store(error) }
    }

    public func votes(page: String?, since: Date?) async throws(VoteStoreError) -> [StoredVote] {
        do { return try reader.votes(page: page, since: since) } catch { throw .store(error) }
    }

    public func voteCount() async throws(VoteStoreError) -> Int {
        do { return try reader.voteCount() } catch { throw .store(error) }
    }

    public func clientKeys() async throws(VoteStoreError) -> [String] {
        do { return try store.clientKeys() } catch { throw .store(error) }
    }

    public func changes(after cursor: Int64?, limit: Int) async throws(VoteStoreError) -> [VoteChange] {
        do { return try reader.voteChanges(after: cursor, limit: limit) } catch { throw .store(error) }
    }

    public func lastVoteID() async throws(VoteStoreError) -> Int64 {
        do { return try reader.lastVoteID() } catch { throw .store(error) }
    }

    public func forgetExpiredClientKeys(now: Date) async throws(VoteStoreError) -> Int {
        do { return try await store.forgetExpiredClientKeys(now: now) } catch { throw .store(error) }
    }

    public func run() async {}
}
