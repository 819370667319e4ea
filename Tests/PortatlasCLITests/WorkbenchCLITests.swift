import Foundation
import PortTestSupport
import Testing

@Suite("check-name, propose, suggest, lint and audit-services")
struct WorkbenchCLITests {
    @Test("check-name: 0 valid and free, 1 taken in another case (with its holder), 2 invalid (the rule named)")
    func checkName() throws {
        let cli = try CLI.withSmallRegistry()
        let free = try cli.run("check-name", "my-service")
        #expect(free.status == 0)
        #expect(free.stdout == "my-service: valid and free (RFC 6335 §5.1; no registered entry holds it)\n")

        let taken = try cli.run("check-name", "mysql")
        #expect(taken.status == 1)
        #expect(taken.stdout.contains("held by MySQL on 3306/tcp — MySQL"))

        let cases: [(String, String)] = [
            ("sixteen-chars-xx", "too-long"), ("-svc", "leading-hyphen"), ("svc-", "trailing-hyphen"), ("my--svc", "double-hyphen"),
            ("12345", "no-letter"),
        ]
        for (name, rule) in cases {
            // After `--`, a name that starts with a hyphen is the name, not an option.
            let result = try cli.run(arguments: ["check-name", "--json", "--db", cli.database, "--", name])
            #expect(result.status == 2, "\(name)")
            let object = try result.json()
            #expect(object["verdict"] as? String == "invalid")
            #expect((object["violations"] as? [[String: Any]])?.map { $0["rule"] as? String } == [rule], "\(name)")
        }
        let long = try cli.run("check-name", "sixteen-chars-xx")
        #expect(long.stdout.contains("breaks: a service name has at most 15 characters"))

        let missing = try cli.run("check-name")
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("give a service name to check"))
    }

    @Test("propose: a ready request to paste exits 0; a taken name and missing fields exit 2; --port with --name-only is refused")
    func propose() throws {
        let cli = try CLI.withSmallRegistry()
        let ready = try cli.run(
            "propose",
            "--name",
            "my-service",
            "--protocol",
            "tcp",
            "--port",
            "3375",
            "--assignee",
            "Example Ltd",
            "--contact",
            "Ann <ann@example.org>",
            "--description",
            "Example sync",
            "--reference",
            "https://example.org/spec",
            "--knowledge",
            TestData.fixture("knowledge-processes").path
        )
        // 3375 is free in the registry but inside Windows 2000/XP's old ephemeral range: a warning, exit 1.
        #expect(ready.status == 1, "\(ready.stdout)\(ready.stderr)")
        #expect(ready.stdout.contains("warn Port Number: 3375"))
        #expect(ready.stdout.contains("IANA assignment request: ready to paste"))
        #expect(ready.stdout.contains("Service Name: my-service\nTransport Protocol: tcp\nPort Number: 3375\n"))

        let bad = try cli.run("propose", "--name", "MySQL", "--protocol", "tcp", "--port", "3306", "--json")
        #expect(bad.status == 2)
        let object = try bad.json()
        #expect(object["ready"] as? Bool == false)
        #expect(object["submitted"] as? Bool == false)
        let fields = try #require(object["fields"] as? [[String: Any]])
        #expect(fields.first { $0["title"] as? String == "Service Name" }?["level"] as? String == "avoid")

        let both = try cli.run("propose", "--name", "x-y", "--protocol", "tcp", "--port", "5000", "--name-only")
        #expect(both.status == 64)
        #expect(both.stderr.contains("--port N, or --name-only"))
    }

    @Test("suggest: the fixture's Unassigned ports that check calls good, the same for one seed; bad counts refused; no registry says so")
    func suggest() throws {
        // registry-small.xml's only User-port Unassigned row, 3372-3380/udp, lies in Windows XP's old ephemeral range.
        let small = try CLI.withSmallRegistry()
        let none = try small.run("suggest", "--protocol", "udp")
        #expect(none.status == 1)
        #expect(none.stdout == "No port passes every check.\n")

        let cli = try CLI()
        #expect(try cli.run("update", "--from", TestData.fixture("registry-suggest.xml").path).status == 0)
        let first = try cli.run("suggest", "--count", "20", "--seed", "my-app", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        let ports = try #require(try first.json()["suggestions"] as? [[String: Any]]).compactMap { $0["port"] as? Int }
        #expect(ports.count == 20)
        // 23990-24010 is Unassigned; 24000/tcp is a known use, so it is never offered.
        #expect(Set(ports) == Set(23990...24010).subtracting([24000]))
        let again = try cli.run("suggest", "--count", "20", "--seed", "my-app", "--json")
        #expect(try #require(try again.json()["suggestions"] as? [[String: Any]]).compactMap { $0["port"] as? Int } == ports)
        let other = try cli.run("suggest", "--count", "20", "--seed", "your-app", "--json")
        #expect(try #require(try other.json()["suggestions"] as? [[String: Any]]).compactMap { $0["port"] as? Int } != ports)

        let text = try cli.run("suggest", "--count", "1", "--seed", "my-app")
        #expect(text.stdout.contains("ok    in the registry's Unassigned range 23990-24010"))
        #expect(text.stdout.contains("nothing listens on it here now"))

        for count in ["0", "10000"] {
            let refused = try cli.run("suggest", "--count", count)
            #expect(refused.status == 64)
            #expect(refused.stderr == "portatlas: error: --count \(count) is out of range: ask for 1 to 100 ports\n")
        }
        let empty = try CLI().run("suggest")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("suggest needs IANA's registry"))
    }

    @Test("lint: the fixture files' findings with file:line, exit 1; an unreadable or unknown file is a clear error")
    func lint() throws {
        let cli = try CLI.withSmallRegistry()
        let folder = TestData.fixture("lint").path
        let result = try cli.run("lint", folder + "/docker-compose.yml", folder + "/.env", "--json")
        #expect(result.status == 1)
        let object = try result.json()
        let ports = try #require(object["ports"] as? [[String: Any]])
        let duplicates = ports.filter { ($0["findings"] as? [[String: Any]])?.contains { $0["kind"] as? String == "duplicate" } == true }
        #expect(duplicates.map { "\($0["port"] ?? "") \($0["line"] ?? "")" } == ["8080 6", "8080 2"])
        let kinds = Set(ports.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String } })
        #expect(kinds.isSuperset(of: ["duplicate", "browser-blocked", "ephemeral"]))

        let whole = try cli.run("lint", folder)
        #expect(whole.status == 1)
        #expect(whole.stdout.contains("Procfile:2  6665/tcp (PORT of worker)"))

        let missing = try cli.run("lint", "/nonexistent/compose.yml")
        #expect(missing.status == 66)
        #expect(missing.stderr == "portatlas: error: cannot read '/nonexistent/compose.yml': no such file or folder\n")
        let unknown = try cli.run("lint", TestData.fixture("registry-small.csv").path)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("is not a file lint reads"))
    }

    @Test("audit-services: renamed, de-assigned, wrong and unregistered lines against the fixture registry")
    func auditServices() throws {
        let cli = try CLI.withSmallRegistry()
        let file = try TestData.temporaryFolder().appendingPathComponent("services")
        try "tcpmux 1/tcp\nmysql 3307/tcp\nold-name 3331/tcp\nformer 3375/udp\nlocal 60001/tcp\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try cli.run("audit-services", file.path, "--json")
        #expect(result.status == 1)
        let object = try result.json()
        #expect(object["matching"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["kind"] as? String } == ["wrong", "renamed", "de-assigned", "unregistered"])
        #expect(findings[1]["text"] as? String == "old-name 3331/tcp: registered as mcs-messaging now (MCS Messaging)")

        let unreadable = try cli.run("audit-services", "/nonexistent/services")
        #expect(unreadable.status == 66)
        #expect(unreadable.stderr.contains("cannot read '/nonexistent/services'"))
    }

    @Test(
        "on IANA's real registry: historical names, a free-port suggestion in an Unassigned range, an audit of the system's file",
        .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment))
    )
    func realRegistry() throws {
        let cli = try CLI()
        let imported = try cli.run("update", "--from", TestData.snapshotFolder.appendingPathComponent(TestData.currentXML).path)
        #expect(imported.status == 0, "\(imported.stderr)")
        let historical = try cli.run("check-name", "--historical", "--json")
        #expect(try historical.json()["count"] as? Int == 97)
        let taken = try cli.run("check-name", "MCS-MESSAGING", "--json")
        #expect(taken.status == 1)
        #expect((try taken.json()["holders"] as? [[String: Any]])?.count == 2)

        let suggested = try cli.run("suggest", "--count", "5", "--seed", "my-app", "--json")
        #expect(suggested.status == 0, "\(suggested.stderr)")
        let suggestions = try #require(try suggested.json()["suggestions"] as? [[String: Any]])
        #expect(suggestions.count == 5)
        for suggestion in suggestions {
            let port = try #require(suggestion["port"] as? Int)
            #expect((1024...49151).contains(port))
            let check = try cli.run("check", String(port), "--json")
            #expect(check.status == 0, "suggest offered \(port), which check does not call good")
        }
        let again = try cli.run("suggest", "--count", "5", "--seed", "my-app", "--json")
        #expect(try again.json()["suggestions"] as? [[String: Any]] != nil)

        let file = try TestData.temporaryFolder().appendingPathComponent("services")
        try "ssh 22/tcp\nfox-skytale 4319/tcp\nnetconf-beep 831/tcp\n".write(to: file, atomically: true, encoding: .utf8)
        let audit = try cli.run("audit-services", file.path, "--json")
        let findings = try #require(try audit.json()["findings"] as? [[String: Any]])
        #expect(findings.map { $0["kind"] as? String } == ["renamed", "de-assigned"])
    }
}
