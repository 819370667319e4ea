import Foundation
import Logging
import PortStore
import PortTestSupport
import PortVotesPostgres
import PostgresNIO
import Testing

/// The two places votes can live, for tests that run the same code against each.
enum VoteBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The environment variable scripts/test sets to a PostgreSQL it started (a superuser's URL).
    static let urlVariable = "PORTATLAS_TEST_POSTGRES_URL"

    static var serverURL: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The PostgreSQL URL the tests use, or a skip (a failure under CI=true, where scripts/test provides one).
    static func requireServer() throws -> String {
        if let url = serverURL { return url }
        let message = "no PostgreSQL for the vote store tests: \(urlVariable) is not set (scripts/test starts one and sets it)"
        if TestData.isCI {
            Issue.record(Comment(rawValue: message + "; CI=true needs it"))
            throw VoteTestError.noPostgres
        }
        try Test.cancel(Comment(rawValue: "PostgreSQL cases skipped: " + message))
    }

    /// A new, empty vote store of this kind: a fresh SQLite file, or a fresh PostgreSQL database. `body` runs
    /// with the store's connections kept open.
    func withStore<T: Sendable>(_ body: @Sendable @escaping (any VoteStore, Opened) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let path = try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path
            let store = try SQLiteVotes(store: try RegistryStore(path: path))
            return try await body(store, Opened(path: path, url: nil, second: { try SQLiteVotes(store: try RegistryStore(path: path)) }))
        case .postgres:
            let url = try await Self.freshDatabase()
            // A generous deadline: these tests are about the answers, and the whole suite shares two cores.
            let store = try PostgresVotes(url: url, timeout: Self.testTimeout)
            let second = try PostgresVotes(url: url, timeout: Self.testTimeout)
            return try await Self.running([store, second]) {
                try await body(store, Opened(path: nil, url: url, second: { second }))
            }
        }
    }

    /// How long one call may take in these tests: the store's default (5 s) is a live site's deadline; a
    /// test run that keeps both cores busy can make 40 serialized votes of one client take longer.
    static let testTimeout: Duration = .seconds(60)

    /// What a test may need beside the store: another handle on the same votes (another replica).
    struct Opened: Sendable {
        var path: String?
        var url: String?
        var second: @Sendable () throws -> any VoteStore
    }

    /// Runs `body` with the stores' pools running beside it.
    static func running<T: Sendable>(_ stores: [PostgresVotes], _ body: @Sendable @escaping () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            for store in stores {
                group.addTask {
                    await store.run()
                    return nil
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// A URL of a new database on the test server, named for this test run.
    static func freshDatabase() async throws -> String {
        let server = try requireServer()
        let location = try PostgresLocation(parsing: server)
        let name = "portatlas_test_\(UInt64.random(in: 0...UInt64.max) % 1_000_000_000_000)"
        let admin = PostgresClient(
            configuration: .init(
                host: {
                    if case .tcp(let host, _) = location.endpoint { return host }
                    return "127.0.0.1"
                }(),
                port: {
                    if case .tcp(_, let port) = location.endpoint { return port }
                    return 5432
                }(),
                username: location.user,
                password: location.password,
                database: location.database,
                tls: .disable
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        guard var components = URLComponents(string: server) else { throw VoteTestError.noPostgres }
        components.path = "/\(name)"
        return components.string ?? server
    }
}

enum VoteTestError: Error { case noPostgres }
