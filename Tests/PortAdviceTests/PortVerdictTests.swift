import Foundation
import PortAdvice
import PortKnowledge
import PortListeners
import PortRegistry
import PortTestSupport
import Testing

@Suite("Port verdicts")
struct PortVerdictTests {
    static let registryTitle = "IANA Service Name and Transport Protocol Port Number Registry"

    static func registry(_ entries: [RegistryEntry]) -> PortVerdict.RegistryEvidence {
        PortVerdict.RegistryEvidence(
            entries: entries,
            title: registryTitle,
            date: "2026-08-17",
            url: "https://www.iana.org/assignments/service-names-port-numbers/"
        )
    }

    static func fact(_ kind: KnowledgeFact.Kind, _ ports: PortSpan, _ product: String, _ purpose: String, note: String? = nil) -> KnowledgeFact {
        KnowledgeFact(
            kind: kind,
            ports: ports,
            transports: [.tcp],
            product: product,
            purpose: purpose,
            note: note,
            source: Citation(title: "\(product) documentation", url: "https://example.org/\(kind.rawValue)", retrieved: "2026-12-02"),
            origin: Origin(file: "f", line: 1, isBundled: true)
        )
    }

    static let machine = MachineState(
        localPortRange: LocalPortRange(system: "Linux (this machine)", start: 32768, end: 60999, origin: "/proc/sys/net/ipv4/ip_local_port_range"),
        reservedPorts: [try! PortSpan(start: 50000, end: 50010)],
        reservedPortsOrigin: "/proc/sys/net/ipv4/ip_local_reserved_ports",
        listeners: [
            Listener(transport: .udp, address: "::1", port: 3000, isIPv6: true, inode: 1, uid: 0, user: "root"),
            Listener(
                transport: .tcp,
                address: "127.0.0.1",
                port: 6000,
                isIPv6: false,
                inode: 2,
                uid: 0,
                user: "root",
                processes: [Listener.Process(pid: 42, command: "Xorg")]
            ),
        ],
        readAt: "2026-12-02T12:00:00Z"
    )

    @Test("an unassigned user port nobody uses is good, and says why with its sources and dates")
    func goodPort() {
        let verdict = PortVerdict.judge(
            port: 4327,
            registry: Self.registry([RegistryEntry(ports: PortSpan(port: 4327), description: "Unassigned")]),
            facts: [],
            machine: Self.machine
        )
        #expect(verdict.level == .good)
        #expect(verdict.reasons.map(\.kind) == [.range, .iana, .localEphemeral, .boundHere])
        #expect(verdict.reasons.allSatisfy { $0.level == .good && $0.date != nil })
        #expect(verdict.reasons[1].text == "IANA has assigned 4327/tcp to no service")
        #expect(verdict.reasons[1].date == "2026-08-17")
        #expect(verdict.reasons[2].text == "outside this machine's ephemeral range 32768–60999")
    }

    @Test("3000: IANA's assignment and known users warn; a UDP socket bound here warns a TCP app, and the verdict says every reason")
    func warnings() {
        let verdict = PortVerdict.judge(
            port: 3000,
            registry: Self.registry([
                RegistryEntry(serviceName: "hbci", ports: PortSpan(port: 3000), transport: .tcp, description: "HBCI"),
                RegistryEntry(serviceName: "remoteware-cl", ports: PortSpan(port: 3000), transport: .udp, description: "RemoteWare Client"),
            ]),
            facts: [
                Self.fact(.use, PortSpan(port: 3000), "Grafana", "web UI"),
                Self.fact(.use, try! PortSpan(start: 1025, end: 5000), "Microsoft Windows", "old dynamic range"),
            ],
            machine: Self.machine
        )
        #expect(verdict.level == .warnings)
        #expect(verdict.reasons.filter { $0.level == .warnings }.map(\.kind) == [.iana, .knownUse, .knownUse, .boundHere])
        #expect(verdict.reasons.first?.text == "IANA assigns 3000/tcp to hbci (HBCI)")
        #expect(verdict.reasons.contains { $0.text == "Grafana uses it: web UI" && $0.source == "Grafana documentation" && $0.date == "2026-12-02" })
        #expect(verdict.reasons.contains { $0.text == "Microsoft Windows uses it on 1025–5000: old dynamic range" })
        #expect(verdict.reasons.contains { $0.kind == .boundHere && $0.text.contains("[::1]:3000 (UDP, IPv6)") })
        #expect(!verdict.reasons.contains { $0.text.contains("remoteware") })
    }

    @Test("6000: a browser-blocked port, bound here by a TCP listener, is to avoid; each blocking reason is cited")
    func avoided() {
        let verdict = PortVerdict.judge(
            port: 6000,
            registry: Self.registry([
                RegistryEntry(serviceName: "x11", ports: try! PortSpan(start: 6000, end: 6063), transport: .tcp, description: "X Window System")
            ]),
            facts: [
                Self.fact(
                    .browserBlocked,
                    PortSpan(port: 6000),
                    "Web browsers (Fetch Standard)",
                    "browsers refuse to fetch from this port",
                    note: "x11"
                ),
                Self.fact(.malware, PortSpan(port: 6000), "The Thing (historical trojan)", "backdoor"),
            ],
            machine: Self.machine
        )
        #expect(verdict.level == .avoid)
        #expect(verdict.reasons.prefix(2).map(\.kind) == [.browserBlocked, .boundHere])
        #expect(verdict.reasons[0].text == "Web browsers (Fetch Standard): browsers refuse to fetch from this port (x11)")
        #expect(verdict.reasons[1].text == "Xorg (pid 42) listens on 127.0.0.1:6000 (TCP, IPv4) here now")
        #expect(verdict.reasons.contains { $0.kind == .malware && $0.level == .good })
    }

    @Test("the ephemeral ranges: this machine's (unless reserved), the other systems' defaults, Windows' excluded ranges, the Dynamic range")
    func ephemeral() {
        let facts = [
            Self.fact(.ephemeral, try! PortSpan(start: 49152, end: 65535), "Microsoft Windows", "since Vista"),
            Self.fact(.ephemeral, try! PortSpan(start: 49152, end: 65535), "Apple software (macOS, iOS, iTunes)", "XNU"),
            Self.fact(
                .excluded,
                try! PortSpan(start: 49152, end: 65535),
                "Microsoft Windows",
                "Hyper-V may reserve blocks",
                note: "netsh interface ipv4 show excludedportrange protocol=tcp"
            ),
        ]
        let busy = PortVerdict.judge(port: 50020, registry: Self.registry([]), facts: facts, machine: Self.machine)
        #expect(busy.level == .avoid)
        #expect(busy.reasons.first?.kind == .localEphemeral)
        #expect(busy.reasons.first?.text == "in this machine's ephemeral range 32768–60999: any outgoing connection may take it as its source port")
        #expect(busy.reasons.filter { $0.level == .warnings }.map(\.kind) == [.range, .ephemeral, .ephemeral, .excluded])
        #expect(busy.reasons.contains { $0.text.contains("netsh interface ipv4 show excludedportrange protocol=tcp") })
        let reserved = PortVerdict.judge(port: 50005, registry: Self.registry([]), facts: facts, machine: Self.machine)
        #expect(reserved.level == .warnings)
        #expect(
            reserved.reasons.contains { $0.kind == .localReserved && $0.level == .good && $0.source == "/proc/sys/net/ipv4/ip_local_reserved_ports" }
        )
        let site = PortVerdict.judge(port: 50020, registry: Self.registry([]), facts: facts)
        #expect(site.level == .warnings)
        #expect(!site.includesMachine && !site.reasons.contains(where: \.isLocal))
    }

    @Test("System Ports and port 0 are to avoid")
    func systemPorts() {
        let zero = PortVerdict.judge(
            port: 0,
            registry: Self.registry([RegistryEntry(ports: PortSpan(port: 0), transport: .tcp, description: "Reserved")]),
            facts: []
        )
        #expect(zero.level == .avoid)
        #expect(zero.reasons.map(\.kind) == [.portZero, .range, .iana])
        #expect(zero.reasons[2].text == "IANA reserves 0/tcp")
        let eighty = PortVerdict.judge(port: 80, registry: Self.registry([]), facts: [])
        #expect(eighty.level == .avoid)
        #expect(eighty.reasons.first?.source == "RFC 6335 §6, \"Port Number Ranges\"")
    }

    @Test("the machine read live: a real listener makes its port one to avoid, over TCP and over UDP")
    func liveMachine() throws {
        let tcp = try BoundSocket(tcp: true, address: "127.0.0.1")
        let udp = try BoundSocket(tcp: false, address: "::1")
        for (socket, transport) in [(tcp, TransportProtocol.tcp), (udp, .udp)] {
            let machine = MachineState.read(port: socket.port)
            let verdict = PortVerdict.judge(port: socket.port, transport: transport, registry: Self.registry([]), facts: [], machine: machine)
            #expect(verdict.level == .avoid)
            #expect(
                verdict.reasons.contains {
                    $0.kind == .boundHere && $0.level == .avoid && $0.text.contains(":\(socket.port) (\(transport.rawValue.uppercased())")
                }
            )
        }
        #if os(Linux)
        let machine = MachineState.read(port: tcp.port)
        #expect(machine.localPortRange != nil)
        #expect(machine.reservedPortsOrigin == "/proc/sys/net/ipv4/ip_local_reserved_ports")
        #endif
    }
}
