import PortKnowledge
import PortRegistry
import Testing

@Suite("Process knowledge")
struct ProcessFileTests {
    static let cups = """
        # A signature and the way to free the port, from one document.
        product: CUPS
        os: linux
        executable: cupsd
        unit: cups.service
        ports: 631, 8631-8632
        free: Stop the scheduler, or move it
          with the Listen directive.
        run: sudo systemctl stop cups
        run: sudo systemctl disable cups
        source: CUPS documentation, "cupsd.conf"
        url: https://www.cups.org/doc/man-cupsd.conf.html
        retrieved: 2026-12-02

        product: Vite
        command: vite
        command: vite dev
        source: Vite documentation, "Server Options"
        url: https://vite.dev/config/server-options
        retrieved: 2026-12-02
        """

    static let catalogue = [
        Product(name: "CUPS", slug: "cups", field: .operatingSystems, origin: Origin(file: "products/x.txt", line: 1, isBundled: false)),
        Product(name: "Vite", slug: "vite", field: .development, origin: Origin(file: "products/x.txt", line: 5, isBundled: false)),
    ]

    @Test("a block reads every key: repeated executables, commands, units and runs, port lists, continuation lines")
    func readsEveryKey() throws {
        let facts = try ProcessFile.facts(in: Self.cups, file: "processes/os.txt")
        #expect(facts.count == 2)
        let cups = try #require(facts.first)
        #expect(cups.product == "CUPS")
        #expect(cups.system == .linux)
        #expect(cups.executables == ["cupsd"])
        #expect(cups.units == ["cups.service"])
        #expect(cups.ports == [PortSpan(port: 631), try PortSpan(start: 8631, end: 8632)])
        #expect(cups.free == "Stop the scheduler, or move it with the Listen directive.")
        #expect(cups.run == ["sudo systemctl stop cups", "sudo systemctl disable cups"])
        #expect(cups.source.url == "https://www.cups.org/doc/man-cupsd.conf.html")
        #expect(cups.origin == Origin(file: "processes/os.txt", line: 2, isBundled: false))
        #expect(cups.isSignature && cups.freesPort)
        #expect(cups.applies(on: 8632) && !cups.applies(on: 632))
        #expect(cups.applies(on: .linux) && !cups.applies(on: .macos))
        let vite = facts[1]
        #expect(vite.commands == [["vite"], ["vite", "dev"]])
        #expect(vite.system == nil && vite.applies(on: .windows) && vite.applies(on: 1))
        #expect(!vite.freesPort)
    }

    @Test("bad blocks are refused with the file, the line and the bad value")
    func refusesBadBlocks() {
        let cited = "source: S\nurl: https://example.org/\nretrieved: 2026-12-02\n"
        #expect(throws: KnowledgeError.invalidValue(file: "f", line: 2, key: "os", value: "bsd", reason: "use one of linux, macos, windows")) {
            try ProcessFile.facts(in: "product: CUPS\nos: bsd\nexecutable: cupsd\n" + cited, file: "f")
        }
        #expect(throws: KnowledgeError.missingKey(file: "f", line: 1, key: "executable, command, unit or free")) {
            try ProcessFile.facts(in: "product: CUPS\nos: linux\n" + cited, file: "f")
        }
        #expect(throws: KnowledgeError.missingKey(file: "f", line: 1, key: "url")) {
            try ProcessFile.facts(in: "product: CUPS\nexecutable: cupsd\nsource: S\nretrieved: 2026-12-02\n", file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 2,
                key: "executable",
                value: "/usr/sbin/cupsd",
                reason: "give the executable's name without its folder"
            )
        ) {
            try ProcessFile.facts(in: "product: CUPS\nexecutable: /usr/sbin/cupsd\n" + cited, file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 2,
                key: "unit",
                value: "cups",
                reason: "give a systemd unit's full name, such as cups.service"
            )
        ) {
            try ProcessFile.facts(in: "product: CUPS\nunit: cups\n" + cited, file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 3,
                key: "ports",
                value: "631, 70000",
                reason: "give ports 0–65535 or ranges such as 5173-5180, separated by commas"
            )
        ) {
            try ProcessFile.facts(in: "product: CUPS\nexecutable: cupsd\nports: 631, 70000\n" + cited, file: "f")
        }
        #expect(throws: KnowledgeError.invalidValue(file: "f", line: 3, key: "free", value: "", reason: "it is empty")) {
            try ProcessFile.facts(in: "product: CUPS\nexecutable: cupsd\nfree:\n" + cited, file: "f")
        }
        #expect(throws: KnowledgeError.repeatedKey(file: "f", line: 3, key: "free")) {
            try ProcessFile.facts(in: "product: CUPS\nfree: a\nfree: b\n" + cited, file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 5,
                key: "retrieved",
                value: "2026-02-30",
                reason: "give the day the source was read, YYYY-MM-DD"
            )
        ) {
            try ProcessFile.facts(in: "product: CUPS\nfree: a\nsource: S\nurl: https://example.org/\nretrieved: 2026-02-30\n", file: "f")
        }
    }

    @Test("a block about a product the catalogue lacks, or given twice, is refused when the knowledge is put together")
    func checksTheCatalogue() throws {
        let facts = try ProcessFile.facts(in: Self.cups, file: "f")
        _ = try KnowledgeBase(facts: [], products: Self.catalogue, processes: facts)
        let unknown = try ProcessFile.facts(in: "\n\nproduct: Cups\nfree: a\nsource: S\nurl: https://e.org/\nretrieved: 2026-12-02\n", file: "g")
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "g",
                line: 3,
                key: "product",
                value: "Cups",
                reason: "no product in the catalogue (products/*.txt) has this name"
            )
        ) {
            try KnowledgeBase(facts: [], products: Self.catalogue, processes: unknown)
        }
        let twice = try ProcessFile.facts(in: Self.cups + "\n\n" + Self.cups, file: "f")
        #expect(throws: KnowledgeError.duplicate(file: "f", line: 23, first: "f:2")) {
            try KnowledgeBase(facts: [], products: Self.catalogue, processes: twice)
        }
    }

    @Test("signatures: every kind of evidence given must match; commands in order, by argument or its last path component")
    func recognisesProcesses() throws {
        let facts = try ProcessFile.facts(in: Self.cups, file: "f")
        let cups = facts[0]
        let vite = facts[1]
        #expect(cups.recognises(names: ["cupsd"], arguments: ["/usr/sbin/cupsd", "-l"], unit: "cups.service", on: .linux))
        #expect(!cups.recognises(names: ["cupsd"], arguments: ["/usr/sbin/cupsd", "-l"], unit: "user@1000.service", on: .linux))
        #expect(!cups.recognises(names: ["Cupsd"], arguments: [], unit: "cups.service", on: .linux))
        #expect(vite.recognises(names: ["node"], arguments: ["node", "/app/node_modules/.bin/vite", "--port", "5173"], unit: nil, on: .linux))
        #expect(vite.recognises(names: ["node"], arguments: ["node", "vite", "--host", "dev"], unit: nil, on: .linux))
        #expect(!vite.recognises(names: ["node"], arguments: ["node", "/app/vitest"], unit: nil, on: .linux))
        let flask = ProcessFact(product: "Flask", commands: [["flask", "run"]], source: cups.source, origin: cups.origin)
        #expect(flask.recognises(names: ["python3"], arguments: ["python3", "-m", "flask", "run", "--port", "5000"], unit: nil, on: .linux))
        #expect(!flask.recognises(names: ["python3"], arguments: ["python3", "run", "-m", "flask"], unit: nil, on: .linux))
        let http = ProcessFact(product: "HTTP.sys", system: .windows, executables: ["System"], source: cups.source, origin: cups.origin)
        #expect(http.recognises(names: ["system"], arguments: [], unit: nil, on: .windows))
        #expect(!http.recognises(names: ["system"], arguments: [], unit: nil, on: .linux))
        let long = ProcessFact(product: "X", executables: ["systemd-resolved"], source: cups.source, origin: cups.origin)
        #expect(long.recognises(names: ["systemd-resolve"], arguments: [], unit: nil, on: .linux))
        let getty = ProcessFact(product: "X", units: ["getty@.service"], source: cups.source, origin: cups.origin)
        #expect(getty.recognises(names: [], arguments: [], unit: "getty@tty1.service", on: .linux))
        #expect(!getty.recognises(names: [], arguments: [], unit: "getty.service", on: .linux))
        let freeOnly = ProcessFact(product: "X", free: "stop it", source: cups.source, origin: cups.origin)
        #expect(!freeOnly.recognises(names: ["x"], arguments: ["x"], unit: nil, on: .linux))
    }
}
