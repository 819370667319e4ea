import Foundation
import PortKnowledge
import PortListeners
import PortRegistry
import PortReport
import PortStore
import PortTestSupport
import PortUpdate
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("The \"What port N is\" report")
struct WhatPortIsTests {
    /// A real store file with the small fixture imported, and the bundled knowledge.
    static func setUp() throws -> (PortLookup, KnowledgeBase) {
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path)
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        let document = try RegistryXMLDecoder.decode(bytes, source: "registry-small.xml")
        _ = try store.importRegistry(document, from: .init(location: "registry-small.xml", bytes: bytes, format: .xml))
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil))
        return (PortLookup(store: try store.reader()), knowledge)
    }

    static func report(_ port: UInt16, scanner: ListenerScanner? = nil) throws -> WhatPortIs {
        let (lookup, knowledge) = try setUp()
        return try WhatPortIs.compose(port: port, lookup: lookup, knowledge: knowledge, scanner: scanner, linuxLive: nil)
    }

    @Test("3331: the registry's mcs-messaging, Oracle Key Manager's cited use, and the collision between them")
    func registryAndUses() throws {
        let report = try Self.report(3331)
        #expect(report.registry.entries.map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
        #expect(report.registry.entries.map(\.transport) == [.tcp, .udp])
        #expect(report.registry.entries.allSatisfy { $0.assignees.isEmpty })
        let use = try #require(report.uses.first { $0.fact.product == "Oracle Key Manager (OKM)" })
        #expect(use.collidesWith == ["mcs-messaging"])
        #expect(use.fact.patterns == ["Manager to KMA", "Agent to KMA", "KMA to KMA"])
        #expect(report.sources[use.cited.footnote - 1].citation.url.hasPrefix("https://docs.oracle.com/"))
        #expect(report.range == .user)
        #expect(report.browserBlock == nil)
    }

    @Test("3331: neighbours 3326–3336, the registry's mcs-* cluster and the vendor's 3331–3336 cluster")
    func neighboursAndClusters() throws {
        let report = try Self.report(3331)
        #expect(report.neighbours.map(\.port) == Array(3326...3336))
        #expect(report.neighbours.filter(\.isPort).map(\.port) == [3331])
        #expect(report.neighbours.first { $0.port == 3330 }?.services == ["mcs-calypsoicf"])
        #expect(report.neighbours.first { $0.port == 3333 }?.uses.contains("Oracle Key Manager (OKM)") == true)
        #expect(report.neighbours.first { $0.port == 3327 }?.status == nil)
        let stems = report.registryClusters.filter { $0.basis == .nameStem }
        #expect(stems.map(\.label) == ["mcs-*"])
        #expect(stems.first?.ports == (try PortSpan(start: 3330, end: 3332)))
        #expect(stems.first?.services == ["mcs-calypsoicf", "mcs-messaging", "mcs-mailsvr"])
        let vendor = try #require(report.vendorClusters.first { $0.name == "Oracle Key Manager" })
        #expect(vendor.ports == (try PortSpan(start: 3331, end: 3336)))
        #expect(vendor.members.count == 6)
    }

    @Test("3301: IANA's known-unauthorized-use note reaches the security section")
    func unauthorizedUse() throws {
        let report = try Self.report(3301)
        #expect(report.registry.entries.map(\.serviceName) == ["tarantool", "tarantool"])
        #expect(report.security.unauthorizedUse.map(\.text) == ["Known Unauthorized Use on port 3301"])
        #expect(report.security.unauthorizedUse.map(\.transport) == ["tcp, udp"])
        #expect(report.security.advice.contains("history of misuse"))
        #expect(report.text().contains("IANA records: Known Unauthorized Use on port 3301 (tarantool, tcp, udp)."))
    }

    @Test("3368 finds the satvid-datalnk range; 6667 is a bad port for browsers; 50000 is ephemeral on Windows and macOS")
    func rangesAndBadPorts() throws {
        let (lookup, knowledge) = try Self.setUp()
        let satellite = try WhatPortIs.compose(port: 3368, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(satellite.registry.entries.map(\.serviceName) == ["satvid-datalnk"])
        #expect(satellite.neighbours.first { $0.port == 3372 }?.status == .unassigned)
        let irc = try WhatPortIs.compose(port: 6667, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(irc.browserBlock?.fact.source.url == "https://fetch.spec.whatwg.org/#port-blocking")
        let high = try WhatPortIs.compose(
            port: 50000,
            lookup: lookup,
            knowledge: knowledge,
            scanner: nil,
            linuxLive: LocalPortRange(system: "Linux (this machine)", start: 1024, end: 2048, origin: "test")
        )
        #expect(high.range == .dynamic)
        #expect(high.ephemeralRanges.map(\.range.system) == ["Linux", "Linux (this machine)", "Windows", "macOS"])
        #expect(high.ephemeralRanges.map(\.containsPort) == [true, false, true, true])
    }

    @Test("the live check finds the test's own TCP socket, with this process behind it")
    func listenersLive() throws {
        let socket = try BoundSocket(tcp: true, address: "127.0.0.1")
        let report = try Self.report(socket.port, scanner: ListenerScanner())
        let listeners = try #require(report.listeners?.listeners)
        #expect(listeners.contains { $0.transport == .tcp && $0.address == "127.0.0.1" && $0.processes.contains { $0.pid == getpid() } })
        #expect(report.text().contains("127.0.0.1:\(socket.port)"))
        #expect(report.manualChecks.map(\.system) == ["Linux", "macOS", "Windows"])
        #expect(report.manualChecks[2].commands[0] == "netstat -ano | findstr :\(socket.port)")
    }

    @Test("the terminal text has every section, wraps to 80 columns, and cites its sources")
    func text() throws {
        let report = try Self.report(3331)
        let text = report.text(width: 80)
        for heading in [
            "What port 3331 is", "The registry's word", "The range", "What actually uses it", "Neighbours and clusters",
            "Security note", "Listening here now", "Sources",
        ] {
            #expect(text.contains("\n\(heading)\n") || text.hasPrefix("\(heading)\n"), "missing \(heading)")
        }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Oracle Key Manager (OKM) — OKM CA service (certificate authority) (3331/tcp) [1]"))
        #expect(text.contains("Registry cluster (same name): mcs-* on 3330–3332"))
        #expect(text.contains("[1] Oracle Key Manager 3 Security Guide"))
        #expect(text.contains("Registry: IANA's Service Name and Transport Protocol Port Number Registry of"))
        #expect(text.contains("2026-01-15"))
        for line in text.split(separator: "\n") {
            // Only a word longer than a line (a URL) may run past the edge.
            #expect(line.count <= 80 || !line.trimmingCharacters(in: .whitespaces).contains(" "), "too wide: \(line)")
        }
        let coloured = report.text(style: TextStyle(colour: true), width: 80)
        #expect(coloured.contains("\u{1B}["))
        #expect(!text.contains("\u{1B}["))
    }

    @Test("many uses of one port: the one most people mean first, each with its product's other ports; the text lists the tail by field")
    func usesOrdered() throws {
        let (lookup, _) = try Self.setUp()
        func fact(_ ports: PortSpan, _ product: String, services: [String] = [], bundled: Bool = true) -> KnowledgeFact {
            KnowledgeFact(
                kind: .use,
                ports: ports,
                transports: [.tcp],
                product: product,
                purpose: "\(product)'s port",
                services: services,
                source: Citation(title: "\(product) manual", url: "https://example.org/\(product.count)", retrieved: "2026-12-02"),
                origin: Origin(file: "t.txt", line: 1, isBundled: bundled)
            )
        }
        let origin = Origin(file: "p.txt", line: 1, isBundled: true)
        func product(_ name: String, _ field: Product.Field, widelyUsed: Bool = false) -> Product {
            Product(
                name: name,
                slug: name.lowercased().replacingOccurrences(of: " ", with: "-"),
                field: field,
                isWidelyUsed: widelyUsed,
                origin: origin
            )
        }
        let port = PortSpan(port: 3331)
        let knowledge = try KnowledgeBase(
            facts: [
                fact(try PortSpan(start: 3300, end: 3400), "Zeta Range"), fact(port, "Alpha Tool"), fact(port, "Beta OS"),
                fact(port, "Speaker", services: ["mcs-messaging"]), fact(port, "Widely"), fact(port, "MCS Messaging Suite"),
                fact(port, "Our relay", bundled: false), fact(PortSpan(port: 9999), "Alpha Tool"), fact(PortSpan(port: 7), "Misc A"),
                fact(port, "Misc A"), fact(port, "Misc B"),
            ],
            products: [
                product("Zeta Range", .development), product("Alpha Tool", .games), product("Beta OS", .operatingSystems),
                product("Speaker", .mail), product("Widely", .industrialAndIoT, widelyUsed: true), product("MCS Messaging Suite", .enterprise),
                product("Misc A", .games), product("Misc B", .games),
            ]
        )
        let report = try WhatPortIs.compose(port: 3331, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(
            report.uses.map(\.fact.product) == [
                "Our relay", "MCS Messaging Suite", "Widely", "Speaker", "Beta OS", "Alpha Tool", "Misc A", "Misc B", "Zeta Range",
            ]
        )
        let alpha = try #require(report.uses.first { $0.fact.product == "Alpha Tool" })
        #expect(alpha.otherPorts.map(\.fact.ports.start) == [9999])
        #expect(alpha.product?.field == .games)
        #expect(report.uses.first { $0.fact.product == "Speaker" }?.collidesWith == [])
        // A window of 101 ports claims none of them: no collision, and the neighbours show the ports' own uses.
        #expect(report.uses.first { $0.fact.product == "Zeta Range" }?.collidesWith == [])
        #expect(report.uses.first { $0.fact.product == "Alpha Tool" }?.collidesWith == ["mcs-messaging"])
        #expect(report.neighbours.allSatisfy { !$0.uses.contains("Zeta Range") })
        let text = report.text(width: 80)
        #expect(text.contains("Its other ports: 9999/tcp Alpha Tool's port"))
        #expect(text.contains("Also documented on 3331, by field"))
        #expect(text.contains("Games: Misc A [") && text.contains("Development servers and tools: Zeta Range ["))
        #expect(report.json.serialized().contains("\"otherPorts\":[{\"fact\":{\"kind\":\"use\",\"portStart\":9999"))
    }

    @Test("how common: nmap's open frequency and rank per protocol, ties sharing a rank; a hint when nmap's data is absent")
    func popularity() throws {
        let (lookup, knowledge) = try Self.setUp()
        let file = TestData.fixture("nmap-services-small").path
        let report = try WhatPortIs.compose(port: 3331, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil, nmapServices: file)
        let popularity = try #require(report.popularity)
        #expect(popularity.frequencies.tcp == .init(service: "mcs-messaging", frequency: 0.000076, rank: 4, of: 5))
        #expect(popularity.frequencies.udp == .init(service: "mcs-messaging", frequency: 0.000577, rank: 3, of: 3))
        let words = report.text(width: 80).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("TCP: open on 0.0076% of hosts nmap scanned, rank 4 of 5 TCP ports (nmap's name: mcs-messaging)"))
        #expect(
            report.json.serialized().contains(
                "\"popularity\":{\"source\":\"\(file)\",\"tcp\":{\"service\":\"mcs-messaging\",\"frequency\":7.6e-05,\"rank\":4,\"of\":5}"
            )
        )
        let http = NmapFrequencies.ranks(of: 80, in: Array(try String(contentsOfFile: file, encoding: .utf8).utf8))
        #expect(http.tcp?.rank == 1 && http.udp == nil)

        let without = try WhatPortIs.compose(
            port: 3331,
            lookup: lookup,
            knowledge: knowledge,
            scanner: nil,
            linuxLive: nil,
            nmapServices: "/nonexistent/nmap-services"
        )
        #expect(without.popularity == nil)
        #expect(without.text(width: 80).contains("apt install nmap-common"))
    }

    @Test("the JSON extends the lookup's with every section")
    func json() throws {
        let report = try Self.report(3331)
        guard case .object(let members) = report.json else {
            Issue.record("not an object")
            return
        }
        let keys = members.map(\.0)
        #expect(Array(keys.prefix(8)) == ["query", "protocol", "registry", "range", "listed", "message", "hint", "entries"])
        #expect(
            Array(keys.dropFirst(8)) == [
                "ephemeralRanges", "popularity", "uses", "browserBlocked", "neighbours", "clusters", "security", "listeners", "manualChecks",
                "sources",
            ]
        )
        let text = report.json.serialized()
        #expect(text.contains("\"collidesWith\":[\"mcs-messaging\"]"))
        #expect(text.contains("\"label\":\"mcs-*\""))
        #expect(text.contains("\"listeners\":null"))
    }
}

@Suite("The report on IANA's real registry", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealRegistryReportTests {
    @Test("2026-08-17: 3331 mcs-messaging with no assignee and Oracle Key Manager; mcs-* and directv-* clusters; 3301 Tarantool; 3368 satvid-datalnk")
    func realReport() throws {
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("real.sqlite").path)
        let bytes = try TestData.snapshotBytes(TestData.currentXML)
        let document = try RegistryXMLDecoder.decode(bytes, source: TestData.currentXML)
        _ = try store.importRegistry(document, from: .init(location: TestData.currentXML, bytes: bytes, format: .xml))
        let lookup = PortLookup(store: try store.reader())
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil))

        let okm = try WhatPortIs.compose(port: 3331, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(okm.registry.source.updated == "2026-08-17")
        #expect(okm.registry.entries.map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
        #expect(okm.registry.entries.allSatisfy { $0.assignees.isEmpty && $0.contacts.isEmpty })
        #expect(okm.uses.first?.collidesWith == ["mcs-messaging"])
        let labels = okm.registryClusters.filter { $0.basis == .nameStem }.map { "\($0.label) \($0.ports)" }
        #expect(labels.contains("mcs-* 3330-3332"))
        #expect(labels.contains("directv-* 3334-3337"))
        #expect(okm.neighbours.first { $0.port == 3333 }?.services == ["dec-notes"])
        #expect(okm.text().contains("EntryText") == false)

        let tarantool = try WhatPortIs.compose(port: 3301, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(tarantool.registry.entries.allSatisfy { $0.serviceName == "tarantool" })
        #expect(!tarantool.security.unauthorizedUse.isEmpty)

        let satellite = try WhatPortIs.compose(port: 3368, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
        #expect(satellite.registry.entries.contains { $0.serviceName == "satvid-datalnk" && $0.ports?.description == "3367-3371" })
    }
}
