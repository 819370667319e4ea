import Foundation
import PortStore
import PortTestSupport
import Testing

@Suite("portatlas votes")
struct VotesCommandTests {
    /// A store with the fixture registry and three votes: two on 3331 (one with a hostile comment), one on 80.
    static func cliWithVotes() async throws -> CLI {
        let cli = try CLI.withSmallRegistry()
        let store = try RegistryStore(path: cli.database)
        let day = Date(timeIntervalSince1970: 1_788_000_000)  // 2026-08-29
        _ = try await store.record(Vote(page: "/ports/3331", language: "en", helpful: true, comment: "clear, thanks", client: "a"), at: day)
        _ = try await store.record(
            Vote(page: "/ports/3331", language: "uk", helpful: false, comment: "=HYPERLINK(\"x\")\u{1B}[2J", client: "b"),
            at: day.addingTimeInterval(86400 * 3)
        )
        _ = try await store.record(
            Vote(page: "/ports/80", language: "en", helpful: true, comment: nil, client: "a"),
            at: day.addingTimeInterval(86400 * 3)
        )
        return cli
    }

    @Test("tallies per page and the comments, with a reader's escape sequence shown, not sent")
    func text() async throws {
        let cli = try await Self.cliWithVotes()
        let result = try cli.run("votes")
        #expect(result.status == 0)
        #expect(result.stdout.contains("3 votes on 2 pages (every page)"))
        #expect(result.stdout.contains("/ports/80          1            0"))
        #expect(result.stdout.contains("/ports/3331        1            1"))
        #expect(result.stdout.contains("  clear, thanks\n"))
        #expect(result.stdout.contains("\\u{1B}[2J"))
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test("--port and --since narrow the votes; --json gives tallies and comments")
    func filters() async throws {
        let cli = try await Self.cliWithVotes()
        let json = try cli.run("votes", "--port", "3331", "--since", "2026-08-30", "--json").json()
        #expect(json["votes"] as? Int == 1)
        #expect(json["since"] as? String == "2026-08-30")
        let tallies = try #require(json["tallies"] as? [[String: Any]])
        #expect(tallies.count == 1 && tallies[0]["port"] as? Int == 3331 && tallies[0]["no"] as? Int == 1)
        let comments = try #require(json["comments"] as? [[String: Any]])
        #expect(comments.first?["language"] as? String == "uk")
        #expect(try cli.run("votes", "--port", "22").status == 1)
    }

    @Test("--csv lists every vote, quoted, and no comment becomes a formula")
    func csv() async throws {
        let cli = try await Self.cliWithVotes()
        let result = try cli.run("votes", "--csv")
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "date,page,port,language,helpful,comment")
        #expect(rows.count == 4)
        #expect(rows[1] == "2026-08-29T10:40:00Z,/ports/3331,3331,en,yes,\"clear, thanks\"")
        #expect(rows[2].hasSuffix(",uk,no,\"'=HYPERLINK(\"\"x\"\")\u{1B}[2J\""))
    }

    @Test("a bad date, a bad port or two formats at once exit 64 naming the value")
    func badInput() throws {
        let cli = try CLI.withSmallRegistry()
        let date = try cli.run("votes", "--since", "2026-13-01")
        #expect(date.status == 64)
        #expect(date.stderr == "portatlas: error: '2026-13-01' is not a date: write it as YYYY-MM-DD, such as 2026-11-01\n")
        #expect(try cli.run("votes", "--port", "70000").status == 64)
        let both = try cli.run("votes", "--csv", "--json")
        #expect(both.status == 64)
        #expect(both.stderr.contains("--json and --csv cannot go together"))
        let none = try cli.run("votes")
        #expect(none.status == 1)
        #expect(none.stdout == "No votes (every page).\n")
    }
}
