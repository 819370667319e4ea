import Foundation
import PortRegistry
import PortTestSupport
import Testing

@Suite("RFC 6335 service names")
struct ServiceNameTests {
    @Test(
        "each rule of §5.1, named by the rule a bad name breaks",
        arguments: [
            ("my-service", []),
            ("a", []),
            ("abcdefghijklmno", []),
            ("abcdefghijklmnop", [ServiceName.Violation.tooLong]),
            ("", [.empty]),
            ("-svc", [.leadingHyphen]),
            ("svc-", [.trailingHyphen]),
            ("my--svc", [.doubleHyphen]),
            ("12345", [.noLetter]),
            ("-", [.noLetter, .leadingHyphen]),
            ("sql*net", [.invalidCharacter]),
            ("914c/g", [.invalidCharacter]),
            ("mÿsql", [.invalidCharacter]),
            ("x_y", [.invalidCharacter]),
        ] as [(String, [ServiceName.Violation])]
    )
    func rules(name: String, expected: [ServiceName.Violation]) {
        #expect(ServiceName.violations(of: name) == expected, "\(name)")
        #expect(ServiceName.isValid(name) == expected.isEmpty)
    }

    @Test("names compare case-insensitively, and only ASCII letters fold")
    func comparison() {
        #expect(ServiceName.same("MySQL", "mysql"))
        #expect(ServiceName.same("MCS-Messaging", "mcs-messaging"))
        #expect(!ServiceName.same("mysql", "mysql2"))
        #expect(ServiceName.comparisonKey("ÄB") == "Äb")
    }

    @Test("check: free exits 0, taken (in another case) 1 with its holder, invalid 2 even when a historical entry holds it")
    func check() {
        let mysql = RegistryEntry(serviceName: "MySQL", ports: PortSpan(port: 3306), transport: .tcp, description: "MySQL")
        let free = ServiceName.Check(name: "my-service", holders: [])
        #expect(free.outcome == .free)
        #expect(free.exitStatus == 0)
        let taken = ServiceName.Check(name: "mysql", holders: [mysql])
        #expect(taken.outcome == .taken)
        #expect(taken.exitStatus == 1)
        #expect(taken.holders == [mysql])
        let historical = RegistryEntry(serviceName: "sql*net", ports: PortSpan(port: 66), transport: .tcp, description: "Oracle SQL*NET")
        let invalid = ServiceName.Check(name: "SQL*NET", holders: [historical])
        #expect(invalid.outcome == .invalid)
        #expect(invalid.exitStatus == 2)
        #expect(invalid.violations == [.invalidCharacter])
        #expect(invalid.holders == [historical])
        let long = ServiceName.Check(name: "sixteen-chars-xx", holders: [])
        #expect(long.violations == [.tooLong])
        #expect(long.outcome == .invalid)
    }

    @Test("historical names that break the rules are reported once each, with all their entries, never rejected")
    func historicalFixture() throws {
        let entries = [
            RegistryEntry(serviceName: "sql*net", ports: PortSpan(port: 66), transport: .tcp),
            RegistryEntry(serviceName: "SQL*NET", ports: PortSpan(port: 66), transport: .udp),
            RegistryEntry(serviceName: "mysql", ports: PortSpan(port: 3306), transport: .tcp),
            RegistryEntry(serviceName: "acmaint_dbd", ports: PortSpan(port: 774), transport: .tcp),
        ]
        let found = ServiceName.historical(in: entries)
        #expect(found.map(\.name) == ["sql*net", "acmaint_dbd"])
        #expect(found.first?.entries.count == 2)
        #expect(found.last?.violations == [.invalidCharacter])
    }

    @Test(
        "the current snapshot: 97 registered names break §5.1 (counted independently), all kept on import",
        .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment))
    )
    func historicalReal() throws {
        let document = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        let found = ServiceName.historical(in: document.entries)
        #expect(found.count == 97)
        #expect(found.prefix(4).map(\.name) == ["whois++", "sql*net", "cl/1", "z39.50"])
        #expect(found.allSatisfy { !$0.violations.isEmpty && !$0.entries.isEmpty })
        #expect(document.entries.contains { $0.serviceName == "914c/g" })
    }
}

@Suite("services(5) audit")
struct ServicesAuditTests {
    static let registry = [
        RegistryEntry(serviceName: "skytale", ports: PortSpan(port: 4319), transport: .tcp, description: "Skytale"),
        RegistryEntry(serviceName: "mysql", ports: PortSpan(port: 3306), transport: .tcp, description: "MySQL"),
        RegistryEntry(serviceName: "ssh", ports: PortSpan(port: 22), transport: .tcp, description: "SSH"),
        RegistryEntry(serviceName: "telnet", ports: PortSpan(port: 23), transport: .tcp, description: "Telnet"),
        RegistryEntry(
            ports: PortSpan(port: 831),
            transport: .tcp,
            description: "Reserved",
            notes: "De-assigned on 2026-03-02, previously netconf-beep"
        ),
        RegistryEntry(ports: try! PortSpan(start: 3372, end: 3380), description: "Unassigned"),
    ]

    @Test("renamed, de-assigned (with IANA's date), wrong, unregistered, and the System-port assignments missing")
    func findings() throws {
        let file = ServicesFile.decode(
            """
            ssh		22/tcp
            fox-skytale	4319/tcp
            netconf-beep	831/tcp
            mysql		3307/tcp
            oldthing	3375/udp
            local-app	60001/tcp	# ours
            """
        )
        let audit = ServicesAudit(file: file, registry: Self.registry)
        #expect(audit.lineCount == 6)
        #expect(audit.matching == 1)
        #expect(audit.findings.map(\.kind) == [.renamed, .deassigned, .wrong, .deassigned, .unregistered])
        #expect(audit.findings[0].text == "fox-skytale 4319/tcp: registered as skytale now (Skytale)")
        #expect(audit.findings[1].text == "netconf-beep 831/tcp: de-assigned on 2026-03-02, Reserved now")
        #expect(audit.findings[2].text == "mysql 3307/tcp: mysql is registered on 3306/tcp")
        #expect(audit.findings[3].text == "oldthing 3375/udp: de-assigned, Unassigned now")
        #expect(audit.missing.map(\.serviceName) == ["telnet"])
    }
}
