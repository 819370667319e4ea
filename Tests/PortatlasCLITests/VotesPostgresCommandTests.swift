import Foundation
import PortTestSupport
import Testing

/// `portatlas votes` with the votes in PostgreSQL, through the real binaries (`portatlas` hands these to
/// `portatlas-serve`, which links the database client).
@Suite("portatlas votes with PostgreSQL")
struct VotesPostgresCommandTests {
    /// A new, empty database on the test server (scripts/test starts one and names it in the environment).
    static func freshDatabase() throws -> String {
        guard let server = ProcessInfo.processInfo.environment["PORTATLAS_TEST_POSTGRES_URL"], !server.isEmpty else {
            let message = "no PostgreSQL: PORTATLAS_TEST_POSTGRES_URL is not set (scripts/test starts one and sets it)"
            if TestData.isCI {
                Issue.record(Comment(rawValue: message + "; CI=true needs it"))
                throw CocoaError(.featureUnsupported)
            }
            try Test.cancel(Comment(rawValue: "PostgreSQL cases skipped: " + message))
        }
        let name = "portatlas_cli_\(UInt64.random(in: 0...UInt64.max) % 1_000_000_000_000)"
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", "-q", server, "-c", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        try #require(psql.terminationStatus == 0)
        var components = try #require(URLComponents(string: server))
        components.path = "/\(name)"
        return try #require(components.string)
    }

    @Test("votes migrate moves a store's votes once; `votes --votes` then prints what `votes` printed from SQLite")
    func migrateAndReport() async throws {
        let cli = try await VotesCommandTests.cliWithVotes()
        let url = try Self.freshDatabase()
        let first = try cli.run(arguments: ["votes", "migrate", "--from-sqlite", cli.database, "--to", url, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let moved = try first.json()
        #expect(moved["read"] as? Int == 3 && moved["added"] as? Int == 3 && moved["alreadyThere"] as? Int == 0)
        let again = try cli.run(arguments: ["votes", "migrate", "--from-sqlite", cli.database, "--to", url])
        #expect(again.stdout.hasPrefix("Read 3 votes from \(cli.database); added 0 to PostgreSQL at "))
        #expect(again.stdout.hasSuffix(", 3 were there already.\n"))

        for arguments in [["votes"], ["votes", "--json"], ["votes", "--csv"], ["votes", "--port", "3331", "--since", "2026-08-30"]] {
            let sqlite = try cli.run(arguments: arguments + ["--db", cli.database])
            let postgres = try cli.run(arguments: arguments + ["--votes", url])
            #expect(postgres.status == 0, "\(postgres.stderr)")
            #expect(postgres.stdout == sqlite.stdout, "\(arguments)")
        }
        // And from the environment, as the replicas' unit file sets it.
        let fromEnvironment = try cli.run(arguments: ["votes", "--json"], environment: ["PORTATLAS_VOTES_URL": url])
        #expect(fromEnvironment.stdout == (try cli.run("votes", "--json")).stdout)
    }

    @Test("a URL that is not PostgreSQL's is refused, naming it, with its password hidden (exit 64)")
    func badURL() throws {
        let cli = try CLI.withSmallRegistry()
        let result = try cli.run(arguments: ["votes", "--votes", "mysql://owner:hunter2@db/votes"])
        #expect(result.status == 64)
        #expect(
            result.stderr
                == "portatlas: error: 'mysql://owner:***@db/votes' is not a place for votes: the scheme is 'mysql', not postgres or postgresql (expected a PostgreSQL URL such as postgres://portatlas@db.example/portatlas)\n"
        )
        let serve = try cli.run(arguments: ["serve", "--port", "0", "--votes", "postgres://db.example/votes"])
        #expect(serve.status == 64)
        #expect(serve.stderr.contains("'postgres://db.example/votes' is not a place for votes: it names no user"))
    }
}
