import Foundation
import PortRegistry
import PortTestSupport
import Testing

@Suite("IANA's real registry: export and changes", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealRegistryChangesTests {
    static func xml(_ name: String) throws -> RegistryDocument {
        try RegistryXMLDecoder.decode(try TestData.snapshotBytes(name), source: name)
    }

    @Test("the 2024 CSV, read and written, comes back byte for byte")
    func csvBytes() throws {
        let bytes = try TestData.snapshotBytes(TestData.csv2024)
        let written = RegistryExportFormat.csv.encode(try RegistryCSV.decode(bytes, source: TestData.csv2024))
        #expect(written.utf8.count == bytes.count)
        #expect(Array(written.utf8) == bytes)
    }

    @Test("the 2026 XML, written as XML, reads back to the same entries, people and header")
    func xmlRoundTrip() throws {
        let document = try Self.xml(TestData.currentXML)
        let back = try RegistryXMLDecoder.decode(Array(RegistryExportFormat.xml.encode(document).utf8), source: "written")
        #expect(back.entries.count == 14533)
        #expect(back.entries == document.entries)
        #expect(back.entries.map { $0.ports?.description } == document.entries.map { $0.ports?.description })
        #expect(back.people == document.people)
        #expect(back.metadata == document.metadata)
    }

    @Test("the text and HTML renderings hold every record and every person")
    func textAndHTML() throws {
        let document = try Self.xml(TestData.currentXML)
        let text = RegistryExportFormat.txt.encode(document)
        #expect(text.contains("\nskytale 4319 udp Sentyron SkyTale encrypted communication [Sentyron_B.V.] [Mark_Revier] 2022-01-20 2025-10-30\n"))
        #expect(text.contains("\n[Mark_Revier] "))
        let html = RegistryExportFormat.html.encode(document)
        #expect(html.components(separatedBy: "<tr><td").count - 1 == document.entries.count + document.people.count)
    }

    /// Each record as every one of its values, through Swift's reflection: a count that shares nothing with
    /// `RegistryChanges`' identity rules.
    static func rows(_ entries: [RegistryEntry]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in entries { counts[String(reflecting: entry), default: 0] += 1 }
        return counts
    }

    static func only(_ lhs: [String: Int], _ rhs: [String: Int]) -> Int {
        lhs.reduce(0) { sum, row in sum + max(row.value - (rhs[row.key] ?? 0), 0) }
    }

    @Test("2025-08-26 → 2026-08-17: the changes agree with a count of the rows each side lacks, and name IANA's changes")
    func diff() throws {
        let old = try Self.xml(TestData.olderXML).entries
        let new = try Self.xml(TestData.currentXML).entries
        let changes = RegistryChanges(from: old, to: new)
        let count = { (kind: RegistryChanges.Kind) in changes.changes(kind).count }
        let oldRows = Self.rows(old)
        let newRows = Self.rows(new)
        let paired = count(.changed) + count(.renamed) + count(.released)
        #expect(Self.only(oldRows, newRows) == count(.removed) + paired)
        #expect(Self.only(newRows, oldRows) == count(.added) + paired)
        #expect(new.count - old.count == count(.added) - count(.removed))
        for change in changes.changes {
            if let before = change.old { #expect(newRows[String(reflecting: before)] == nil, "\(change.identity) is unchanged") }
        }

        let released = changes.changes(.released)
        #expect(released.contains { $0.old?.serviceName == "netconf-beep" && $0.old?.transport == .tcp && $0.new?.status == .reserved })
        #expect(released.contains { $0.old?.serviceName == "netconf-beep" && $0.old?.transport == .udp && $0.new?.ports == PortSpan(port: 831) })

        let epp = try #require(changes.changes.first { $0.identity == .named("epp", .udp) })
        #expect(epp.kind == .changed)
        #expect(epp.fields.contains(.description) && epp.fields.contains(.references))
        #expect(epp.new?.description == "EPP running over QUIC")

        let renamed = changes.changes(.renamed).filter { $0.ports == PortSpan(port: 4319) }
        #expect(renamed.map { $0.old?.serviceName } == ["fox-skytale", "fox-skytale"])
        #expect(renamed.map { $0.new?.serviceName } == ["skytale", "skytale"])

        // An Unassigned range that went, and narrower Unassigned rows and an assignment that took its ports.
        let split = changes.changes(.removed).filter { $0.old?.status == .unassigned }.contains { gone in
            guard let span = gone.old?.ports else { return false }
            let inside = changes.changes(.added).compactMap(\.new).filter { $0.ports.map(span.overlaps) == true }
            return inside.contains { $0.status == .unassigned } && inside.contains { $0.status == .assigned }
        }
        #expect(split)

        // Drafts that became RFCs: a draft reference replaced by an RFC one.
        let published = changes.changes(.changed).filter { change in
            change.old?.references.contains { $0.kind == .draft } == true && change.new?.references.contains { $0.kind == .draft } == false
                && change.new?.references.contains { $0.kind == .rfc } == true
        }
        #expect(published.contains { $0.identity == .named("tacacss", .tcp) && $0.fields.contains(.references) })
        #expect(published.contains { $0.identity == .named("dhcpv6-client", .udp) })
    }
}
