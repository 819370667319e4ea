import Foundation
import PortTestSupport
import Testing

@Suite("history, diff and export")
struct HistoryDiffExportTests {
    /// A CLI whose store holds the small fixture (2026-01-15), then a later version of it (2026-02-01) in
    /// which tarantool is renamed tarantool-db on 3301 (same assignee) and discard's description changed.
    static func withTwoVersions() throws -> CLI {
        let cli = try CLI.withSmallRegistry()
        let xml = String(decoding: try TestData.fixtureBytes("registry-small.xml"), as: UTF8.self)
            .replacingOccurrences(of: "<updated>2026-01-15</updated>", with: "<updated>2026-02-01</updated>")
            .replacingOccurrences(of: "<name>tarantool</name>", with: "<name>tarantool-db</name>")
            .replacingOccurrences(of: "<description>Discard</description>", with: "<description>Discard (RFC 863)</description>")
        let file = try TestData.temporaryFolder().appendingPathComponent("next.xml")
        try Data(xml.utf8).write(to: file)
        let imported = try cli.run("update", "--from", file.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    @Test("history lists the versions with what changed since the one before")
    func versions() throws {
        let cli = try Self.withTwoVersions()
        let text = try cli.run("history")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("2026-01-15"))
        #expect(text.stdout.contains("since the one before: 1 changed, 2 renamed"))
        let json = try cli.run("history", "--json").json()
        let versions = try #require(json["versions"] as? [[String: Any]])
        #expect(versions.count == 2)
        #expect((versions[1]["counts"] as? [String: Int])?["renamed"] == 2)
        #expect(versions[0]["counts"] is NSNull)
    }

    @Test("history PORT is the port's timeline: the rename, in text and JSON")
    func portTimeline() throws {
        let cli = try Self.withTwoVersions()
        let text = try cli.run("history", "3301", "--color", "never")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Port 3301 across 2 registry versions"))
        #expect(text.stdout.contains("tarantool → tarantool-db"))
        let unchanged = try cli.run("history", "3331")
        #expect(unchanged.stdout.contains("unchanged at 3331"))
        let json = try cli.run("history", "3301", "--json").json()
        let steps = try #require(json["versions"] as? [[String: Any]])
        #expect(steps.map { ($0["entries"] as? [Any])?.count } == [2, 2])
        let changes = try #require((steps[1]["changes"] as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["renamed", "renamed"])
        #expect(changes.first?["identity"] as? String == "tarantool-db/tcp")
    }

    @Test("diff names each change and the columns that changed; versions by number or date")
    func diff() throws {
        let cli = try Self.withTwoVersions()
        let text = try cli.run("diff", "--color", "never")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Renamed (2)"))
        #expect(text.stdout.contains("Description: Discard → Discard (RFC 863)"))
        #expect(text.stdout.hasPrefix("Registry 1 (2026-01-15) → 2 (2026-02-01)\n1 changed, 2 renamed\n"))
        let coloured = try cli.run("diff", "--color", "always")
        #expect(coloured.stdout.contains("\u{1B}[1mRenamed\u{1B}[0m"))
        let byDate = try cli.run("diff", "2026-01-15", "2026-02-01", "--color", "never")
        #expect(byDate.stdout == text.stdout)
        let json = try cli.run("diff", "1", "2", "--json").json()
        #expect((json["counts"] as? [String: Int]) == ["added": 0, "removed": 0, "changed": 1, "renamed": 2, "released": 0])
        let changed = try #require((json["changes"] as? [[String: Any]])?.first { $0["kind"] as? String == "changed" })
        let fields = try #require(changed["fields"] as? [[String: Any]])
        #expect(fields.map { $0["field"] as? String } == ["description"])
        #expect(fields.first?["new"] as? String == "Discard (RFC 863)")
        let backwards = try cli.run("diff", "2", "1", "--json").json()
        #expect((backwards["counts"] as? [String: Int])?["renamed"] == 2)
    }

    @Test("an unknown version exits 66 naming it and the versions there are; one version is too few")
    func unknownVersion() throws {
        let cli = try Self.withTwoVersions()
        let result = try cli.run("diff", "1", "2025-13-01")
        #expect(result.status == 66)
        #expect(
            result.stderr
                == "portatlas: error: no registry version '2025-13-01': name one by its number or date (imported: 1 (2026-01-15), 2 (2026-02-01))\n"
        )
        let json = try cli.run("diff", "9", "--json")
        #expect(json.status == 66)
        let error = try json.json()["error"] as? [String: Any]
        #expect(error?["code"] as? String == "unknownVersion")

        let single = try CLI.withSmallRegistry().run("diff")
        #expect(single.status == 1)
        #expect(single.stderr.contains("a comparison needs two registry versions and the store holds 1"))
    }

    @Test("export writes IANA's CSV byte for byte, to stdout or --out, and the other formats")
    func export() throws {
        let cli = try CLI.withSmallRegistry()
        let csv = try cli.run("export", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(Array(csv.stdout.utf8) == (try TestData.fixtureBytes("registry-small.csv")))
        let file = try TestData.temporaryFolder().appendingPathComponent("out.csv")
        let written = try cli.run("export", "--format", "csv", "--out", file.path)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(Array(try Data(contentsOf: file)) == (try TestData.fixtureBytes("registry-small.csv")))
        #expect(try cli.run("export", "--format", "txt").stdout.hasPrefix("Internet Assigned Numbers Authority\n"))
        #expect(try cli.run("export", "--format", "html").stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(try cli.run("export", "--format", "xml").stdout.hasPrefix("<?xml"))
        let json = try cli.run("export", "--format", "csv", "--out", file.path, "--json").json()
        #expect(json["bytes"] as? Int == (try TestData.fixtureBytes("registry-small.csv")).count)
    }

    @Test("export: an unwritable --out exits 73 naming it; an unknown format exits 64; no registry exits 1")
    func exportErrors() throws {
        let cli = try CLI.withSmallRegistry()
        let unwritable = try cli.run("export", "--format", "csv", "--out", "/nonexistent-folder/out.csv")
        #expect(unwritable.status == 73)
        #expect(unwritable.stderr.hasPrefix("portatlas: error: cannot write /nonexistent-folder/out.csv: "))
        let format = try cli.run("export", "--format", "pdf")
        #expect(format.status == 64)
        #expect(format.stderr.contains("pdf"))
        let empty = try CLI().run("export", "--format", "csv")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no registry imported yet"))
        let noHistory = try CLI().run("history")
        #expect(noHistory.status == 1)
        #expect(noHistory.stderr.contains("no registry imported yet"))
    }
}
