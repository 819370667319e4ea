import Foundation
import PortKnowledge
import PortRegistry
import PortStore
import PortTestSupport
import Testing

@Suite("The knowledge index")
struct KnowledgeIndexTests {
    /// A user's own facts: one at a bundled port, a range, and a cluster across both.
    static func userFacts(purpose: String = "alpha") -> String {
        """
        ports: 3331
        protocol: tcp
        product: Our billing relay
        purpose: \(purpose) allocation
        source: Network team allocation sheet
        url: https://intranet.example/ports
        retrieved: 2026-11-01

        ports: 40000-40010
        protocol: tcp, udp
        product: Our lab
        purpose: lab window
        cluster: Our lab
        pattern: Rig to controller
        note: Ask the lab first.
        source: Lab wiki
        url: https://intranet.example/lab
        retrieved: 2026-10-01

        ports: 40005
        protocol: udp
        product: Our lab
        purpose: telemetry
        cluster: Our lab
        source: Lab wiki
        url: https://intranet.example/lab
        retrieved: 2026-10-01

        """
    }

    /// Later than any file a test writes: the index does not trust files changed in its last two seconds.
    static let later = Date().addingTimeInterval(3600)

    /// The bundled knowledge, a user's file and a config folder, in a fresh folder with a cache folder beside.
    struct Setup {
        let folder: URL
        let userFile: String
        let configFolder: String
        let cacheFolder: String
        var sources: KnowledgeBase.Sources {
            KnowledgeBase.Sources(
                bundledFolder: TestData.knowledgeFolder,
                configFolder: configFolder,
                extra: [userFile, TestData.fixture("knowledge-processes").path]
            )
        }

        init() throws {
            folder = try TestData.temporaryFolder()
            userFile = folder.appendingPathComponent("ours.txt").path
            configFolder = folder.appendingPathComponent("config").path
            cacheFolder = folder.appendingPathComponent("cache").path
            try KnowledgeIndexTests.userFacts().write(toFile: userFile, atomically: true, encoding: .utf8)
        }

        func load() throws -> any CuratedKnowledge {
            try KnowledgeIndex.load(sources, cacheFolder: cacheFolder, now: KnowledgeIndexTests.later)
        }
    }

    /// What `knowledge` answers differently from `base`, for the ports, spans, clusters and products `base` knows.
    static func differences(_ knowledge: any CuratedKnowledge, from base: KnowledgeBase) -> [String] {
        var differences: [String] = []
        var ports = Set(base.facts.flatMap { [$0.ports.start, $0.ports.end] })
        ports.formUnion([0, 1, 3330, 8080, 8888, 31000, 40003, 40011, 65535])
        for port in ports.sorted() {
            for transport in [nil, TransportProtocol.tcp, .udp]
            where knowledge.facts(at: port, transport: transport) != base.facts(at: port, transport: transport) {
                differences.append("facts at \(port)/\(transport?.rawValue ?? "any")")
            }
            let window = PortSpan(unchecked: port >= 10 ? port - 10 : 0, port <= 65525 ? port + 10 : 65535)
            if knowledge.facts(overlapping: window) != base.facts(overlapping: window) { differences.append("facts around \(port)") }
        }
        for name in Set(base.facts.compactMap(\.cluster)) where knowledge.cluster(named: name) != base.cluster(named: name) {
            differences.append("cluster \(name)")
        }
        for name in Set(base.facts.map(\.product)) {
            if knowledge.facts(about: name) != base.facts(about: name) { differences.append("facts about \(name)") }
            if knowledge.product(named: name) != base.product(named: name) { differences.append("product \(name)") }
        }
        if knowledge.processFacts() != base.processFacts() { differences.append("process facts") }
        return differences
    }

    @Test("the index answers as the in-memory base: ports, ranges, clusters, products with many ports, a user's file")
    func answersAsTheBase() throws {
        let setup = try Setup()
        let base = try KnowledgeBase.load(setup.sources)
        // What the sample covers.
        #expect(base.facts.contains { $0.ports.start != $0.ports.end && $0.origin.isBundled })
        #expect(Dictionary(grouping: base.facts, by: \.product).values.contains { $0.count >= 5 })
        #expect(base.cluster(named: "Our lab").count == 2)
        #expect(base.processes.filter { !$0.origin.isBundled }.map(\.product) == ["CUPS", "macOS AirPlay Receiver", "Docker Engine"])

        // The first run parses the files and writes the index; the next reads it.
        #expect(try setup.load() is KnowledgeBase)
        let index = try #require(try setup.load() as? KnowledgeIndex)
        #expect(index.path.hasPrefix(setup.cacheFolder + "/knowledge-"))
        #expect(Self.differences(index, from: base) == [])
        #expect(index.facts(at: 40005, transport: .udp).filter { !$0.origin.isBundled }.map(\.purpose) == ["lab window", "telemetry"])
        #expect(index.product(named: "No such product") == nil)
        #expect(index.cluster(named: "No such cluster") == [])
    }

    @Test("an edited file, a new file in the config folder and a removed one are seen on the next run")
    func seesEdits() throws {
        let setup = try Setup()
        _ = try setup.load()
        #expect(try setup.load() is KnowledgeIndex)

        // The same size, other words.
        try Self.userFacts(purpose: "bravo").write(toFile: setup.userFile, atomically: false, encoding: .utf8)
        let edited = try setup.load()
        #expect(edited is KnowledgeBase)
        #expect(edited.facts(at: 3331).contains { $0.purpose == "bravo allocation" })
        let reindexed = try setup.load()
        #expect(reindexed is KnowledgeIndex)
        #expect(reindexed.facts(at: 3331).contains { $0.purpose == "bravo allocation" })
        #expect(!reindexed.facts(at: 3331).contains { $0.purpose == "alpha allocation" })

        try FileManager.default.createDirectory(atPath: setup.configFolder, withIntermediateDirectories: true)
        let printer =
            "ports: 4000\nproduct: Lab printer bridge\npurpose: lab\nsource: Lab wiki\nurl: https://intranet.example/lab\nretrieved: 2026-10-01\n"
        try printer.write(toFile: setup.configFolder + "/lab.txt", atomically: true, encoding: .utf8)
        _ = try setup.load()
        #expect(try setup.load().facts(at: 4000).map(\.product).contains("Lab printer bridge"))

        try FileManager.default.removeItem(atPath: setup.configFolder + "/lab.txt")
        #expect(!(try setup.load().facts(at: 4000).map(\.product).contains("Lab printer bridge")))
    }

    @Test("a cache folder that cannot be written still answers, from the files")
    func unwritableCacheStillAnswers() throws {
        let setup = try Setup()
        // A folder inside a plain file cannot be made, not even by root.
        let blocker = setup.folder.appendingPathComponent("blocker").path
        try "not a folder".write(toFile: blocker, atomically: true, encoding: .utf8)
        let base = try KnowledgeBase.load(setup.sources)
        for _ in 0..<2 {
            let knowledge = try KnowledgeIndex.load(setup.sources, cacheFolder: blocker + "/cache", now: Self.later)
            #expect(knowledge is KnowledgeBase)
            #expect(Self.differences(knowledge, from: base) == [])
        }
    }

    @Test("a damaged index is built again; a file changed in the last seconds is parsed until it settles")
    func rebuildsDamagedAndRecent() throws {
        let setup = try Setup()
        _ = try setup.load()
        let index = try #require(try setup.load() as? KnowledgeIndex)
        try "not SQLite".write(toFile: index.path, atomically: true, encoding: .utf8)
        #expect(try setup.load() is KnowledgeBase)
        #expect(try setup.load() is KnowledgeIndex)

        try Self.userFacts(purpose: "delta").write(toFile: setup.userFile, atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let recent = try KnowledgeIndex.load(setup.sources, cacheFolder: setup.cacheFolder)
            #expect(recent is KnowledgeBase)
            #expect(recent.facts(at: 3331).contains { $0.purpose == "delta allocation" })
        }
    }

    @Test("the parser's errors stand when the index is built again: a fact given twice, a missing path")
    func keepsTheParsersErrors() throws {
        let setup = try Setup()
        _ = try setup.load()
        #expect(try setup.load() is KnowledgeIndex)
        let twice = Self.userFacts() + "\n" + Self.userFacts()
        try twice.write(toFile: setup.userFile, atomically: true, encoding: .utf8)
        let lines = Self.userFacts().split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(throws: KnowledgeError.duplicate(file: setup.userFile, line: lines + 1, first: "\(setup.userFile):1")) {
            try setup.load()
        }
        let missing = setup.folder.appendingPathComponent("nope.txt").path
        #expect(throws: KnowledgeError.unreadable(path: missing, reason: "no such file or folder")) {
            try KnowledgeIndex.load(.init(bundledFolder: nil, configFolder: nil, extra: [missing]), cacheFolder: setup.cacheFolder)
        }
    }
}
