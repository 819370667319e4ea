import Foundation
import PortStore
import PortTestSupport
import PortVotesPostgres
import Testing

/// The vote store's behaviour, the same test code on each backend: the store's SQLite file and PostgreSQL.
@Suite("The vote stores, SQLite and PostgreSQL alike")
struct VoteStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func vote(_ port: Int, client: String = "client-a", helpful: Bool = true, comment: String? = nil, language: String = "en") -> Vote {
        Vote(page: "/ports/\(port)", language: language, helpful: helpful, comment: comment, client: client)
    }

    @Test("a vote is recorded and counted; the tally and the owner's list read it back", arguments: VoteBackend.allCases)
    func recordsAndReads(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, _) async throws in
            #expect(try await store.record(Self.vote(3331, helpful: true, comment: "  right on  "), at: Self.start) == .recorded)
            #expect(try await store.record(Self.vote(3331, client: "client-b", helpful: false, language: "uk"), at: Self.start + 1) == .recorded)
            #expect(try await store.record(Self.vote(80, client: "client-b"), at: Self.start + 2) == .recorded)
            #expect(try await store.tally(page: "/ports/3331") == VoteTally(yes: 1, no: 1))
            #expect(try await store.tally(page: "/ports/9") == VoteTally())
            #expect(try await store.voteCount() == 3)
            let all = try await store.votes(page: nil, since: nil)
            #expect(all.map(\.page) == ["/ports/3331", "/ports/3331", "/ports/80"])
            #expect(all[0] == StoredVote(page: "/ports/3331", language: "en", helpful: true, comment: "right on", date: Self.start))
            #expect(all[1].language == "uk" && all[1].comment == nil && !all[1].helpful)
            #expect(try await store.votes(page: "/ports/80", since: nil).count == 1)
            #expect(try await store.votes(page: nil, since: Self.start + 1).count == 2)
        }
    }

    @Test("one vote a page a day per client: the second is limited, another client's is not, a day later it counts", arguments: VoteBackend.allCases)
    func onePerPagePerDay(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, _) async throws in
            #expect(try await store.record(Self.vote(3331), at: Self.start) == .recorded)
            #expect(try await store.record(Self.vote(3331, helpful: false), at: Self.start + 3600 * 23) == .limited)
            #expect(try await store.record(Self.vote(3331, client: "client-b"), at: Self.start + 60) == .recorded)
            #expect(try await store.record(Self.vote(3331), at: Self.start + VoteLimits.clientKeyLifetime + 1) == .recorded)
            #expect(try await store.tally(page: "/ports/3331") == VoteTally(yes: 3, no: 0))
        }
    }

    @Test("30 votes an hour per client over all pages; the 31st is limited until the hour has passed", arguments: VoteBackend.allCases)
    func thirtyAnHour(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, _) async throws in
            for port in 1...VoteLimits.perClientPerHour {
                #expect(try await store.record(Self.vote(port), at: Self.start + Double(port)) == .recorded)
            }
            #expect(try await store.record(Self.vote(1000), at: Self.start + 100) == .limited)
            #expect(try await store.record(Self.vote(1000, client: "client-b"), at: Self.start + 100) == .recorded)
            #expect(try await store.record(Self.vote(1000), at: Self.start + 3600 + 31) == .recorded)
            #expect(try await store.voteCount() == VoteLimits.perClientPerHour + 2)
        }
    }

    @Test("the limits hold across two servers writing at once: 40 votes of one client, 30 recorded", arguments: VoteBackend.allCases)
    func limitsAcrossServers(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, opened) async throws in
            let other = try opened.second()
            let outcomes = try await withThrowingTaskGroup(of: VoteOutcome.self) { group in
                for port in 1...40 {
                    let target = port.isMultiple(of: 2) ? store : other
                    group.addTask { try await target.record(Self.vote(port), at: Self.start + 10) }
                }
                // And the same page from two servers at once: one of the pair is recorded.
                for target in [store, other] {
                    group.addTask { try await target.record(Self.vote(5000, client: "client-c"), at: Self.start + 10) }
                }
                var outcomes: [VoteOutcome] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            #expect(outcomes.filter { $0 == .recorded }.count == VoteLimits.perClientPerHour + 1)
            #expect(try await store.voteCount() == VoteLimits.perClientPerHour + 1)
            #expect(try await store.tally(page: "/ports/5000") == VoteTally(yes: 1, no: 0))
        }
    }

    @Test("client keys are forgotten after a day; votes are kept", arguments: VoteBackend.allCases)
    func clientKeysExpire(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, _) async throws in
            _ = try await store.record(Self.vote(1, client: "old"), at: Self.start)
            _ = try await store.record(Self.vote(2, client: "new"), at: Self.start + 3600)
            #expect(try await store.clientKeys() == ["old", "new"])
            #expect(try await store.forgetExpiredClientKeys(now: Self.start + VoteLimits.clientKeyLifetime + 1) == 1)
            #expect(try await store.clientKeys() == ["new"])
            #expect(try await store.voteCount() == 2)
        }
    }

    @Test("changes after a cursor name the votes' pages, so other servers drop those pages", arguments: VoteBackend.allCases)
    func changes(_ backend: VoteBackend) async throws {
        try await backend.withStore { (store, _) async throws in
            #expect(try await store.lastVoteID() == 0)
            _ = try await store.record(Self.vote(22), at: Self.start)
            let cursor = try await store.lastVoteID()
            _ = try await store.record(Self.vote(80), at: Self.start + 1)
            _ = try await store.record(Self.vote(443), at: Self.start + 2)
            #expect(try await store.changes(after: cursor, limit: 10).map(\.page) == ["/ports/80", "/ports/443"])
            #expect(try await store.changes(after: nil, limit: 2).map(\.page) == ["/ports/22", "/ports/80"])
            #expect(try await store.lastVoteID() > cursor)
        }
    }
}
