import Foundation
import PortKnowledge
import PortRegistry
import PortTestSupport
import Testing

@Suite("Knowledge files")
struct KnowledgeFileTests {
    static let entry = """
        # A comment, then an entry with every key.
        kind: use
        ports: 3331
        protocol: tcp, udp
        product: Example Appliance
        purpose: the appliance's
          certificate service
        cluster: Example
        service: mcs-messaging, mcs-mailsvr
        pattern: Manager to appliance
        pattern: Appliance to appliance
        note: A note.
        source: Example Appliance Security Guide
        url: https://example.org/guide.html
        retrieved: 2026-11-22

        ports: 3332-3336
        product: Example Appliance
        purpose: everything else
        source: Example Appliance Security Guide
        url: https://example.org/guide.html
        retrieved: 2024-02-29
        """

    @Test("an entry reads every key: continuation lines, repeated patterns, protocol lists, ranges")
    func readsEveryKey() throws {
        let facts = try KnowledgeFile.facts(in: Self.entry, file: "example.txt")
        #expect(facts.count == 2)
        let first = try #require(facts.first)
        #expect(first.kind == .use)
        #expect(first.ports == PortSpan(port: 3331))
        #expect(first.transports == [.tcp, .udp])
        #expect(first.purpose == "the appliance's certificate service")
        #expect(first.cluster == "Example")
        #expect(first.services == ["mcs-messaging", "mcs-mailsvr"])
        #expect(first.patterns == ["Manager to appliance", "Appliance to appliance"])
        #expect(first.source == Citation(title: "Example Appliance Security Guide", url: "https://example.org/guide.html", retrieved: "2026-11-22"))
        #expect(first.origin == Origin(file: "example.txt", line: 2, isBundled: false))
        #expect(first.portsLabel == "3331/tcp+udp")
        #expect(facts[1].ports == (try PortSpan(start: 3332, end: 3336)))
        #expect(facts[1].transports.isEmpty)
        #expect(facts[1].concerns(.sctp))
        #expect(!first.concerns(.sctp))
    }

    @Test("bad entries are refused with the file, the line and the bad value")
    func refusesBadEntries() {
        let base = "product: P\npurpose: Q\nsource: S\nurl: https://example.org/\nretrieved: 2026-11-22\n"
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 1,
                key: "ports",
                value: "70000",
                reason: "give a port 0–65535 or a range such as 3331-3336"
            )
        ) {
            try KnowledgeFile.facts(in: "ports: 70000\n" + base, file: "f")
        }
        #expect(throws: KnowledgeError.missingKey(file: "f", line: 1, key: "source")) {
            try KnowledgeFile.facts(in: "ports: 1\nproduct: P\npurpose: Q\nurl: https://example.org/\nretrieved: 2026-11-22\n", file: "f")
        }
        #expect(throws: KnowledgeError.unknownKey(file: "f", line: 2, key: "vendor", keys: KnowledgeFile.keys)) {
            try KnowledgeFile.facts(in: "ports: 1\nvendor: V\n" + base, file: "f")
        }
        #expect(throws: KnowledgeError.repeatedKey(file: "f", line: 2, key: "ports")) {
            try KnowledgeFile.facts(in: "ports: 1\nports: 2\n" + base, file: "f")
        }
        #expect(throws: KnowledgeError.malformedLine(file: "f", line: 1, text: "just words")) {
            try KnowledgeFile.facts(in: "just words\n" + base, file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 6,
                key: "retrieved",
                value: "2026-02-30",
                reason: "give the day the source was read, YYYY-MM-DD"
            )
        ) {
            try KnowledgeFile.facts(in: "ports: 1\n" + base.replacingOccurrences(of: "2026-11-22", with: "2026-02-30"), file: "f")
        }
        #expect(throws: KnowledgeError.invalidValue(file: "f", line: 5, key: "url", value: "a book", reason: "give the document's http(s) address")) {
            try KnowledgeFile.facts(in: "ports: 1\n" + base.replacingOccurrences(of: "https://example.org/", with: "a book"), file: "f")
        }
        #expect(
            throws: KnowledgeError.invalidValue(
                file: "f",
                line: 2,
                key: "protocol",
                value: "quic",
                reason: "use tcp, udp, sctp or dccp, or leave the key out"
            )
        ) {
            try KnowledgeFile.facts(in: "ports: 1\nprotocol: quic\n" + base, file: "f")
        }
    }

    @Test("the same fact twice is refused, naming both places")
    func refusesDuplicates() throws {
        let text = "ports: 1\nproduct: P\npurpose: Q\nsource: S\nurl: https://example.org/\nretrieved: 2026-11-22\n"
        let facts = try KnowledgeFile.facts(in: text + "\n" + text, file: "f")
        #expect(throws: KnowledgeError.duplicate(file: "f", line: 8, first: "f:1")) { try KnowledgeBase(facts: facts) }
    }

    @Test("the bundled files parse, every fact is cited, and none repeats")
    func bundledFilesAreValid() throws {
        let base = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil))
        #expect(base.facts.count >= 180)
        #expect(base.files.count >= 4)
        for fact in base.facts {
            #expect(fact.source.url.hasPrefix("http"), "\(fact.origin) cites no address")
            #expect(!fact.source.title.isEmpty && !fact.product.isEmpty && !fact.purpose.isEmpty)
            #expect(fact.origin.isBundled)
        }
    }

    @Test("the bundled facts hold Oracle Key Manager's cluster, the browsers' bad ports and Prometheus's allocations")
    func bundledFactsSayWhatTheSourcesSay() throws {
        let base = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil))
        let okm = base.cluster(named: "Oracle Key Manager")
        #expect(okm.map(\.ports.start) == [3331, 3332, 3333, 3334, 3335, 3336])
        #expect(okm.allSatisfy { $0.transports == [.tcp] && $0.source.url.hasPrefix("https://docs.oracle.com/") })
        #expect(okm[0].patterns == ["Manager to KMA", "Agent to KMA", "KMA to KMA"])
        #expect(okm[2].patterns == ["Manager to KMA"])
        let blocked = Set(base.facts.filter { $0.kind == .browserBlocked }.map(\.ports.start))
        #expect(base.facts(at: 12345).contains { $0.kind == .malware && $0.product == "NetBus (historical trojan)" })
        #expect(blocked.isSuperset(of: [0, 1, 22, 25, 989, 990, 4190, 6667, 6679, 10080]))
        #expect(!blocked.contains(80) && !blocked.contains(443) && !blocked.contains(8080))
        #expect(base.facts(at: 9100).contains { $0.product == "Prometheus node exporter" })
        #expect(base.facts(at: 30080).contains { $0.product == "Kubernetes" })
        #expect(!base.facts(at: 9100, transport: .udp).contains { $0.product == "Prometheus node exporter" })
    }

    @Test("a user's file from --knowledge and the config folder joins the bundled facts; a missing path is an error")
    func loadsUserFiles() throws {
        let folder = try TestData.temporaryFolder()
        let own = folder.appendingPathComponent("ours.txt").path
        try
            "ports: 3331\nprotocol: tcp\nproduct: Our billing relay\npurpose: internal allocation\nsource: Network team allocation sheet\nurl: https://intranet.example/ports\nretrieved: 2026-11-01\n"
            .write(toFile: own, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "ports: 4000\nproduct: Lab printer bridge\npurpose: lab\nsource: Lab wiki\nurl: https://intranet.example/lab\nretrieved: 2026-10-01\n"
            .write(to: config.appendingPathComponent("lab.txt"), atomically: true, encoding: .utf8)
        let base = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: config.path, extra: [own]))
        let at3331 = base.facts(at: 3331)
        #expect(at3331.map(\.product).contains("Our billing relay"))
        #expect(at3331.map(\.product).contains("Oracle Key Manager (OKM)"))
        #expect(at3331.first { $0.product == "Our billing relay" }?.origin.isBundled == false)
        #expect(base.facts(at: 4000).filter { !$0.origin.isBundled }.map(\.product) == ["Lab printer bridge"])
        let missing = folder.appendingPathComponent("nope.txt").path
        #expect(throws: KnowledgeError.unreadable(path: missing, reason: "no such file or folder")) {
            try KnowledgeBase.load(.init(bundledFolder: nil, configFolder: nil, extra: [missing]))
        }
    }
}
