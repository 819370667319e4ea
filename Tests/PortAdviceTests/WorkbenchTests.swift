import Foundation
import PortAdvice
import PortKnowledge
import PortListeners
import PortRegistry
import PortTestSupport
import Testing

@Suite("suggest")
struct PortSuggestionTests {
    static let unassigned = [
        RegistryEntry(ports: try! PortSpan(start: 5170, end: 5190), description: "Unassigned"),
        RegistryEntry(ports: try! PortSpan(start: 6660, end: 6670), transport: .tcp, description: "Unassigned"),
        RegistryEntry(ports: try! PortSpan(start: 1000, end: 1030), description: "Unassigned"),
        RegistryEntry(ports: try! PortSpan(start: 49000, end: 49200), transport: .udp, description: "Unassigned"),
        RegistryEntry(serviceName: "assigned", ports: try! PortSpan(start: 7000, end: 7010), transport: .tcp),
    ]

    static func inputs(facts: [KnowledgeFact] = [], machine: MachineState? = nil) -> PortSuggestion.Inputs {
        PortSuggestion.Inputs(
            unassigned: unassigned,
            registry: { port in
                PortVerdictTests.registry(unassigned.filter { $0.ports?.contains(port) == true })
            },
            facts: facts,
            machine: machine
        )
    }

    @Test("candidates: only explicit Unassigned rows for the protocol, clipped to the User range")
    func candidates() {
        let tcp = PortSuggestion.candidates(transport: .tcp, unassigned: Self.unassigned).map(\.0)
        #expect(tcp == Array(1024...1030) + Array(5170...5190) + Array(6660...6670))
        let udp = PortSuggestion.candidates(transport: .udp, unassigned: Self.unassigned).map(\.0)
        #expect(udp == Array(1024...1030) + Array(5170...5190) + Array(49000...49151))
    }

    @Test("the same seed gives the same ports; another seed others; each port judged good by the verdict, with its reasons")
    func seeded() throws {
        let first = try PortSuggestion.suggest(count: 5, seed: "my-app", inputs: Self.inputs())
        let again = try PortSuggestion.suggest(count: 5, seed: "my-app", inputs: Self.inputs())
        let other = try PortSuggestion.suggest(count: 5, seed: "your-app", inputs: Self.inputs())
        #expect(first.map(\.port) == again.map(\.port))
        #expect(first.map(\.port) != other.map(\.port))
        #expect(Set(first.map(\.port)).count == 5)
        #expect(first.allSatisfy { $0.verdict.level == .good && $0.verdict.reasons.contains { $0.kind == .iana } })
    }

    @Test("a tool's default window, a browser-blocked port, a known use, an OS ephemeral range and a bound port are never offered")
    func excluded() throws {
        let facts = [
            PortVerdictTests.fact(.window, try PortSpan(start: 5173, end: 5183), "Vite", "next ports"),
            PortVerdictTests.fact(.browserBlocked, try PortSpan(start: 6665, end: 6669), "Fetch Standard", "bad ports"),
            PortVerdictTests.fact(.use, PortSpan(port: 5170), "Something", "its default"),
            PortVerdictTests.fact(.ephemeral, try PortSpan(start: 1024, end: 1030), "Some OS", "ephemeral"),
        ]
        let machine = MachineState(
            localPortRange: nil,
            listeners: [Listener(transport: .tcp, address: "127.0.0.1", port: 6670, isIPv6: false, inode: 1, uid: 0, user: "root")],
            readAt: "2026-12-02T12:00:00Z"
        )
        let all = try PortSuggestion.suggest(count: 100, seed: "x", inputs: Self.inputs(facts: facts, machine: machine))
        let expected = Set([5171, 5172] + Array(5184...5190) + Array(6660...6664)).map { UInt16($0) }
        #expect(Set(all.map(\.port)) == Set(expected))
        // The verdict names the window: the reason `suggest` keeps out of it.
        let window = PortVerdict.judge(port: 5175, registry: PortVerdictTests.registry([]), facts: [facts[0]])
        #expect(window.reasons.first?.kind == .toolWindow)
        #expect(window.level == .warnings)
    }

    @Test("a count of 0 or 10000 is refused, naming the count")
    func badCounts() {
        #expect(throws: SuggestionError.badCount(0)) { try PortSuggestion.suggest(count: 0, seed: "x", inputs: Self.inputs()) }
        #expect(throws: SuggestionError.badCount(10000)) { try PortSuggestion.suggest(count: 10000, seed: "x", inputs: Self.inputs()) }
    }
}

@Suite("lint")
struct LintTests {
    static func scan(_ name: String) throws -> [PortMention] {
        let url = TestData.fixture("lint/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let kind = try #require(ConfigScanner.kind(path: url.path, text: text))
        return ConfigScanner.scan(text, kind: kind, file: name)
    }

    func summary(_ mentions: [PortMention]) -> [String] {
        mentions.map { "\($0.line) \($0.port)/\($0.transport?.rawValue ?? "-") \($0.key) \($0.claimsHost ? "host" : "inside") \($0.owner ?? "")" }
    }

    @Test("compose: short and long syntax, host and container sides, protocols, variables skipped")
    func compose() throws {
        #expect(
            summary(try Self.scan("docker-compose.yml")) == [
                "6 8080/- ports host web (nginx:1.27)", "6 80/- ports inside web (nginx:1.27)",
                "7 6000/- ports host web (nginx:1.27)", "7 6000/- ports inside web (nginx:1.27)",
                "8 443/- ports inside web (nginx:1.27)",
                "12 5432/- ports host db (postgres:17)", "12 5432/- ports inside db (postgres:17)",
                "16 53/udp target inside dns (coredns/coredns)", "17 5353/udp published host dns (coredns/coredns)",
                "20 9153/- expose inside dns (coredns/coredns)",
                "24 3000/- ports inside app (example/app)",
                "25 55000/- ports host app (example/app)", "25 3000/- ports inside app (example/app)",
            ]
        )
    }

    @Test(".env, Kubernetes, systemd and Procfile")
    func others() throws {
        #expect(summary(try Self.scan(".env")) == ["2 8080/- APP_PORT host APP_PORT", "3 9100/- METRICS_PORT host METRICS_PORT"])
        #expect(
            summary(try Self.scan("deployment.yaml")) == [
                "11 8443/- containerPort inside ", "12 53/udp containerPort inside ", "15 3000/- containerPort inside ",
                "24 80/- port inside ", "26 30080/- nodePort host ",
            ]
        )
        #expect(
            summary(try Self.scan("api.socket")) == ["2 5353/tcp ListenStream host api.socket", "4 6000/udp ListenDatagram host api.socket"]
        )
        #expect(
            summary(try Self.scan("Procfile")) == ["1 8000/- --port host web", "2 6665/- PORT host worker", "3 3000/- -p host api"]
        )
        #expect(ConfigScanner.kind(path: "README.md", text: "") == nil)
        #expect(ConfigScanner.kind(path: "values.yaml", text: "replicas: 2\n") == nil)
    }

    @Test("findings: registered to another service (not to the owner it names), dynamic, browser-blocked, claimed twice")
    func findings() throws {
        let mentions = try Self.scan("docker-compose.yml") + Self.scan(".env")
        let entries: [UInt16: RegistryEntry] = [
            8080: RegistryEntry(serviceName: "http-alt", ports: PortSpan(port: 8080), transport: .tcp, description: "HTTP Alternate"),
            5432: RegistryEntry(serviceName: "postgresql", ports: PortSpan(port: 5432), transport: .tcp, description: "PostgreSQL Database"),
        ]
        let blocked = PortVerdictTests.fact(.browserBlocked, PortSpan(port: 6000), "Fetch Standard", "a bad port")
        let lint = PortLint(mentions: mentions) { port, transport in
            PortVerdict.judge(
                port: port,
                transport: transport,
                registry: PortVerdictTests.registry(entries[port].map { [$0] } ?? []),
                facts: port == 6000 ? [blocked] : []
            )
        }
        let found = lint.ports.flatMap { checked in checked.findings.map { "\(checked.mention.place) \(checked.mention.port) \($0.kind.rawValue)" } }
        #expect(
            found == [
                "docker-compose.yml:6 8080 registered", "docker-compose.yml:6 8080 duplicate",
                "docker-compose.yml:7 6000 browser-blocked", "docker-compose.yml:7 6000 browser-blocked",
                "docker-compose.yml:25 55000 ephemeral",
                ".env:2 8080 registered", ".env:2 8080 duplicate",
            ]
        )
        let duplicate = try #require(lint.ports.first?.findings.last)
        #expect(duplicate.text == "8080/tcp is also claimed at .env:2")
        #expect(duplicate.places == ["docker-compose.yml:6", ".env:2"])
    }
}

@Suite("propose")
struct AssignmentRequestTests {
    static let registry = PortVerdictTests.registry([
        RegistryEntry(serviceName: "mysql", ports: PortSpan(port: 3306), transport: .tcp, description: "MySQL")
    ])

    @Test("a complete request for a free User port is ready; the text to paste has every field")
    func ready() {
        let draft = AssignmentRequest.Draft(
            name: "my-service",
            transport: .tcp,
            port: 47999,
            nameOnly: false,
            assignee: "Example Ltd",
            contact: "Ann <ann@example.org>",
            description: "Example sync",
            reference: "https://example.org/spec"
        )
        let verdict = PortVerdict.judge(port: 47999, registry: PortVerdictTests.registry([]), facts: [])
        let request = AssignmentRequest(draft: draft, nameCheck: ServiceName.Check(name: "my-service", holders: []), verdict: verdict)
        #expect(request.level == .good)
        #expect(
            request.pasteable == """
                Assignee: Example Ltd
                Contact: Ann <ann@example.org>
                Description: Example sync
                Service Name: my-service
                Transport Protocol: tcp
                Port Number: 47999
                Reference: https://example.org/spec

                """
        )
    }

    @Test("a taken name, a System port without a reference, DCCP without a service code: each field says what to fix")
    func problems() throws {
        let draft = AssignmentRequest.Draft(name: "MySQL", transport: .dccp, port: 900, nameOnly: false, contact: "no address")
        let holder = RegistryEntry(serviceName: "mysql", ports: PortSpan(port: 3306), transport: .tcp)
        let verdict = PortVerdict.judge(port: 900, transport: .dccp, registry: PortVerdictTests.registry([]), facts: [])
        let request = AssignmentRequest(draft: draft, nameCheck: ServiceName.Check(name: "MySQL", holders: [holder]), verdict: verdict)
        let byTitle = Dictionary(uniqueKeysWithValues: request.fields.map { ($0.title, $0) })
        #expect(request.level == .avoid)
        #expect(byTitle["Assignee"]?.level == .avoid)
        #expect(byTitle["Contact"]?.level == .warnings)
        #expect(byTitle["Service Name"]?.notes == ["taken: mysql holds 3306/tcp"])
        #expect(byTitle["Port Number"]?.level == .warnings)
        #expect(byTitle["Port Number"]?.notes.first?.contains("RFC 6335 §8.1.2") == true)
        #expect(byTitle["Reference"]?.level == .avoid)
        #expect(byTitle["Service Code"]?.level == .avoid)
    }

    @Test("name only: no port, and a service code outside DCCP is refused")
    func nameOnly() {
        let draft = AssignmentRequest.Draft(name: "my-srv", transport: .udp, port: nil, nameOnly: true, serviceCode: 7)
        let request = AssignmentRequest(draft: draft, nameCheck: ServiceName.Check(name: "my-srv", holders: []), verdict: nil)
        #expect(request.fields.first { $0.title == "Port Number" }?.value == "none: service name only")
        #expect(request.fields.last?.notes == ["a service code goes with DCCP only, not udp"])
    }
}
