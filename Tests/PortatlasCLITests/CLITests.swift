import Foundation
import PortTestSupport
import Testing

/// Runs the real `portatlas` binary, as a user or a script would, and reads what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The standard output parsed as a JSON object.
        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        }
    }

    /// The binary SwiftPM built beside the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("portatlas")

    let database: String

    init() throws {
        database = try TestData.temporaryFolder().appendingPathComponent("cli.sqlite").path
    }

    /// A CLI whose store holds the small fixture registry (updated 2026-01-15).
    static func withSmallRegistry() throws -> CLI {
        let cli = try CLI()
        let imported = try cli.run("update", "--from", TestData.fixture("registry-small.xml").path)
        #expect(imported.status == 0, "the fixture import failed: \(imported.stderr)")
        return cli
    }

    @discardableResult
    func run(_ arguments: String..., environment: [String: String] = [:]) throws -> Result {
        try run(arguments: arguments + ["--db", database], environment: environment)
    }

    /// Runs the binary with exactly these arguments.
    func run(arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        // The knowledge index goes to this CLI's own cache folder, not the user's.
        let cache = ["XDG_CACHE_HOME": (database as NSString).deletingLastPathComponent + "/cache"]
        process.environment = ProcessInfo.processInfo.environment.merging(cache) { $1 }.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }
}

@Suite("The command line")
struct CLITests {
    @Test(
        "bad input exits 64 with one line naming the value, and a JSON error with --json",
        arguments: ["70000", "-1", "3331-", "", "99999-100000", "<b>"]
    )
    func badInput(value: String) throws {
        let cli = try CLI()
        let plain = try cli.run("lookup", value)
        #expect(plain.status == 64)
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.split(separator: "\n").count == 1)
        #expect(value.isEmpty ? plain.stderr.contains("empty") : plain.stderr.contains("'\(value)'"))

        let json = try cli.run("lookup", value, "--json")
        #expect(json.status == 64)
        let error = try #require(try json.json()["error"] as? [String: Any])
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(error["code"] is String)
    }

    @Test("the report: --json extends the lookup's keys; --knowledge adds a user's facts; a bad file exits 65, a missing one 66")
    func report() throws {
        let cli = try CLI.withSmallRegistry()
        let json = try cli.run("3331", "--json", "--no-listeners")
        #expect(json.status == 0)
        let object = try json.json()
        for key in ["entries", "uses", "neighbours", "clusters", "security", "manualChecks", "sources"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["listeners"] is NSNull)
        let folder = try TestData.temporaryFolder()
        let own = folder.appendingPathComponent("ours.txt").path
        try
            "ports: 3331\nprotocol: tcp\nproduct: Billing relay\npurpose: internal allocation\nsource: Network team sheet\nurl: https://intranet.example/ports\nretrieved: 2026-11-01\n"
            .write(toFile: own, atomically: true, encoding: .utf8)
        let withOwn = try cli.run("3331", "--knowledge", own, "--no-listeners")
        #expect(withOwn.status == 0)
        let words = withOwn.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Billing relay — internal allocation (3331/tcp) [1]"))
        #expect(words.contains("From your knowledge file \(own):1."))
        let bad = folder.appendingPathComponent("bad.txt").path
        try "ports: 70000\nproduct: P\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run("3331", "--knowledge", bad)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(bad):1:"))
        let missing = try cli.run("lookup", "3331", "--knowledge", folder.appendingPathComponent("none.txt").path, "--json")
        #expect(missing.status == 66)
        #expect((try missing.json()["error"] as? [String: Any])?["code"] as? String == "knowledgeUnreadable")
    }

    @Test("the report reads the knowledge from an index built in the cache folder on the first run, and says what parsing says")
    func reportFromTheIndex() throws {
        let cli = try CLI.withSmallRegistry()
        let folder = try TestData.temporaryFolder()
        let blocker = folder.appendingPathComponent("blocker").path
        try "not a folder".write(toFile: blocker, atomically: true, encoding: .utf8)
        // The source tree's files, settled long before the tests run.
        let bundled = ["PORTATLAS_KNOWLEDGE_DIR": TestData.knowledgeFolder]
        let cache = folder.appendingPathComponent("cache").path
        for port in ["8080", "3331", "31000"] {
            let parsed = try cli.run(port, "--json", "--no-listeners", environment: bundled.merging(["XDG_CACHE_HOME": blocker]) { $1 })
            let first = try cli.run(port, "--json", "--no-listeners", environment: bundled.merging(["XDG_CACHE_HOME": cache]) { $1 })
            let indexed = try cli.run(port, "--json", "--no-listeners", environment: bundled.merging(["XDG_CACHE_HOME": cache]) { $1 })
            #expect(parsed.stderr.isEmpty && first.status == parsed.status && indexed.status == parsed.status)
            #expect(!parsed.stdout.isEmpty && first.stdout == parsed.stdout && indexed.stdout == parsed.stdout, "port \(port)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: cache + "/portatlas")
        #expect(files.count == 1 && files.allSatisfy { $0.hasPrefix("knowledge-") && $0.hasSuffix(".sqlite") })
    }

    @Test("the shorthand `portatlas N` is lookup, and a name not listed exits 1")
    func shorthandAndNotFound() throws {
        let cli = try CLI.withSmallRegistry()
        let answer = try cli.run("3331")
        #expect(answer.status == 0)
        #expect(answer.stdout.hasPrefix("What port 3331 is\n"))
        #expect(answer.stdout.contains("mcs-messaging"))
        #expect(answer.stdout.contains("Oracle Key Manager (OKM)"))
        let brief = try cli.run("3331", "--brief")
        #expect(brief.status == 0)
        #expect(brief.stdout.contains("Registry of 2026-01-15"))
        #expect(!brief.stdout.contains("Oracle Key Manager"))
        let missing = try cli.run("abc/xyz")
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.contains("'abc/xyz' is not a port, a range, or a service name: not listed in the registry of 2026-01-15"))
        let missingJSON = try cli.run("abc/xyz", "--json")
        #expect(missingJSON.status == 1)
        #expect((try missingJSON.json()["error"] as? [String: Any])?["code"] as? String == "unknownName")
        let unlistedPort = try cli.run("5", "--json")
        #expect(unlistedPort.status == 1)
        #expect(try unlistedPort.json()["message"] as? String == "5 is not listed in the registry of 2026-01-15")
    }

    @Test("lookup --json keeps the documented contract")
    func jsonContract() throws {
        let cli = try CLI.withSmallRegistry()
        let result = try cli.run("lookup", "3368", "--json")
        #expect(result.status == 0)
        let json = try result.json()
        let registry = try #require(json["registry"] as? [String: Any])
        #expect(registry["updated"] as? String == "2026-01-15")
        #expect((registry["source"] as? String)?.hasSuffix("registry-small.xml") == true)
        let range = try #require(json["range"] as? [String: Any])
        #expect(range["name"] as? String == "user")
        #expect(range["start"] as? Int == 1024)
        #expect(range["end"] as? Int == 49151)
        let entries = try #require(json["entries"] as? [[String: Any]])
        let entry = try #require(entries.first)
        #expect(entry["service"] as? String == "satvid-datalnk")
        #expect(entry["portStart"] as? Int == 3367)
        #expect(entry["portEnd"] as? Int == 3371)
        #expect(entry["protocol"] is NSNull)
        for key in [
            "description", "assignees", "contacts", "registrationDate", "modificationDate", "references", "serviceCode", "unauthorizedUse", "notes",
        ] {
            #expect(entry.keys.contains(key), "missing \(key)")
        }
        #expect((entry["assignees"] as? [[String: Any]])?.first?["id"] as? String == "Scott_Engel")
        #expect(entry["references"] as? [Any] != nil)

        let udp = try cli.run("lookup", "3360-3375", "--protocol", "udp", "--json").json()
        let ports = (udp["entries"] as? [[String: Any]])?.map { "\($0["portStart"]!)-\($0["portEnd"]!)" }
        #expect(ports == ["3367-3371", "3372-3380"])

        let named = try cli.run("lookup", "mysql", "--json").json()
        #expect((named["entries"] as? [[String: Any]])?.first?["service"] as? String == "MySQL")
        #expect(named["range"] is NSNull)
    }

    @Test("with no arguments, portatlas teaches: help on stdout, status 0")
    func noArguments() throws {
        let result = try CLI().run(arguments: [])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: portatlas"))
        #expect(result.stdout.contains("portatlas search"))
        let noQuery = try CLI().run("lookup")
        #expect(noQuery.status == 0)
        #expect(noQuery.stdout.contains("USAGE: portatlas lookup"))
    }

    @Test("the lean start path and the argument parser give the same answer")
    func fastPathMatchesParser() throws {
        let cli = try CLI.withSmallRegistry()
        let fast = try cli.run("3301", "--json", "--protocol", "udp")
        let parsed = try cli.run("lookup", "--protocol", "udp", "--json", "3301")
        #expect(fast.status == 0)
        #expect(fast.stdout == parsed.stdout)
        #expect(try cli.run("3301", "--color", "never").stdout == (try cli.run("lookup", "--color", "never", "3301").stdout))
        let unknownOption = try cli.run("3301", "--bogus")
        #expect(unknownOption.status == 64)
        #expect(unknownOption.stderr.contains("'--bogus'"))
    }

    @Test("who finds the test's own listening socket, with this pid; listening lists it with its name")
    func who() throws {
        let cli = try CLI.withSmallRegistry()
        let socket = try BoundSocket(tcp: true, address: "127.0.0.1")
        let result = try cli.run("who", String(socket.port), "--json")
        #expect(result.status == 0)
        let listeners = try #require(try result.json()["listeners"] as? [[String: Any]])
        let mine = try #require(listeners.first { $0["address"] as? String == "127.0.0.1" })
        #expect(mine["protocol"] as? String == "tcp")
        #expect(((mine["processes"] as? [[String: Any]])?.first?["pid"] as? Int).map(Int32.init) == getpid())
        let text = try cli.run("who", String(socket.port))
        #expect(text.stdout.contains("127.0.0.1:\(socket.port)"))
        #expect(text.stdout.contains("pid \(getpid())"))

        let all = try cli.run("listening", "--json").json()
        #expect((all["listeners"] as? [[String: Any]])?.contains { $0["port"] as? Int == Int(socket.port) } == true)
        #expect(try cli.run("who", "70000").status == 64)
    }

    @Test("search, registry and update all speak JSON")
    func otherCommands() throws {
        let cli = try CLI()
        let update = try cli.run("update", "--from", TestData.fixture("registry-small.csv").path, "--json")
        #expect(update.status == 0)
        #expect(try update.json()["status"] as? String == "imported")
        let search = try cli.run("search", "key", "manager", "--json")
        #expect(search.status == 0)
        #expect(((try search.json()["entries"]) as? [[String: Any]])?.first?["service"] as? String == "key-manager")
        #expect(try cli.run("search", "zzzzqqq").status == 1)
        let registry = try cli.run("registry", "--json")
        #expect(try registry.json()["format"] as? String == "csv")
        #expect(try cli.run("registry", "--all", "--json").json()["versions"] is [Any])
    }

    @Test("search finds products by alias and purpose, with all their ports, before registry entries; --knowledge adds the user's")
    func searchFindsProducts() throws {
        let cli = try CLI.withSmallRegistry()
        let folder = try TestData.temporaryFolder().appendingPathComponent("own-knowledge")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("products"), withIntermediateDirectories: true)
        try """
        ports: 8888
        protocol: tcp
        product: Notebook Thing
        purpose: notebook web UI
        source: Notebook Thing manual
        url: https://example.org/manual
        retrieved: 2026-12-02

        ports: 8889
        protocol: tcp
        product: Notebook Thing
        purpose: kernel gateway
        source: Notebook Thing manual
        url: https://example.org/manual
        retrieved: 2026-12-02
        """.write(to: folder.appendingPathComponent("ours.txt"), atomically: true, encoding: .utf8)
        try "product: Notebook Thing\nslug: notebook-thing\naliases: NBT\nfield: ai-and-data\n"
            .write(to: folder.appendingPathComponent("products/ours.txt"), atomically: true, encoding: .utf8)

        let byAlias = try cli.run("search", "nbt", "--knowledge", folder.path, "--json")
        #expect(byAlias.status == 0, "\(byAlias.stderr)")
        let products = try #require(try byAlias.json()["products"] as? [[String: Any]])
        #expect(products.first?["product"] as? String == "Notebook Thing")
        #expect(products.first?["slug"] as? String == "notebook-thing")
        #expect(products.first?["ports"] as? [String] == ["8888/tcp", "8889/tcp"])
        let byPurpose = try cli.run("search", "kernel", "gateway", "--knowledge", folder.path)
        #expect(byPurpose.status == 0)
        #expect(byPurpose.stdout.hasPrefix("1 product matching 'kernel gateway'"))
        #expect(byPurpose.stdout.contains("8889/tcp"))
    }

    @Test("a damaged file is refused with its line, exits 65, and the registry held stays current")
    func damagedImport() throws {
        let cli = try CLI.withSmallRegistry()
        let cut = try TestData.temporaryFolder().appendingPathComponent("cut.xml")
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        try Data(bytes[..<(bytes.count / 2)]).write(to: cut)
        let refused = try cli.run("update", "--from", cut.path)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains(cut.path))
        #expect(refused.stderr.contains("line "))
        #expect(try cli.run("3331").stdout.contains("mcs-messaging"))
        #expect(try cli.run("registry", "--all", "--json").json()["versions"] as? [Any] != nil)
    }

    @Test("an unreachable mirror exits 69 and says how to import a file instead")
    func offline() throws {
        let cli = try CLI()
        let result = try cli.run("update", "--from", "http://127.0.0.1:9/service-names-port-numbers.xml", "--timeout", "5")
        #expect(result.status == 69)
        #expect(result.stderr.contains("http://127.0.0.1:9/service-names-port-numbers.xml"))
        #expect(result.stderr.contains("--from FILE"))
    }

    @Test("before any import, answers come from the system's services database, labelled, with a hint")
    func fallback() throws {
        let cli = try CLI()
        let result = try cli.run("lookup", "22", "--json")
        let json = try result.json()
        let registry = try #require(json["registry"] as? [String: Any])
        #expect(registry["kind"] as? String == "system-services")
        #expect((json["hint"] as? String)?.contains("portatlas update") == true)
        if FileManager.default.fileExists(atPath: "/etc/services") {
            #expect(result.status == 0)
            #expect((json["entries"] as? [[String: Any]])?.first?["service"] as? String == "ssh")
        }
    }
}

@Suite("serve and export-site, through portatlas")
struct ServeCLITests {
    @Test("`portatlas serve --help` reaches the server's helper and teaches its default port")
    func serveHelp() throws {
        let cli = try CLI()
        let help = try cli.run(arguments: ["serve", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--port"))
        #expect(help.stdout.contains("6335"))
    }

    @Test("a port out of range is refused with its value; an export without a registry says what to do")
    func badInput() throws {
        let cli = try CLI()
        let port = try cli.run(arguments: ["serve", "--port", "70000"])
        #expect(port.status == 64)
        #expect(port.stderr.contains("'70000' is out of range"))
        let folder = try TestData.temporaryFolder().path
        let export = try cli.run("export-site", folder)
        #expect(export.status == 1)
        #expect(export.stderr.contains("no registry is imported: run `portatlas update` first"))
    }
}
