import Foundation
import PortRegistry
import PortTestSupport
import Testing

@Suite("IANA's real registry", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealRegistryTests {
    @Test("all 14,533 records of the 2026-08-17 XML load, with the people table")
    func currentXMLLoads() throws {
        let document = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        #expect(document.entries.count == 14533)
        #expect(document.people.count == 5615)
        #expect(document.metadata.updated == "2026-08-17")
        #expect(document.metadata.footnotes.count == 1)

        let at3331 = document.entries.filter { $0.ports?.contains(3331) == true }
        #expect(at3331.map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
        #expect(Set(at3331.compactMap(\.transport)) == [.tcp, .udp])
        #expect(at3331.allSatisfy { $0.assignees.isEmpty && $0.contacts.isEmpty })

        let at3368 = document.entries.filter { $0.ports?.contains(3368) == true }
        #expect(at3368.map(\.serviceName) == ["satvid-datalnk"])
        #expect(at3368.first?.transport == nil)

        let at3301 = document.entries.filter { $0.ports?.contains(3301) == true }
        #expect(at3301.count == 2)
        #expect(at3301.allSatisfy { $0.unauthorizedUse == "Known Unauthorized Use on port 3301" })
    }

    @Test("the 2024 CSV loads with its multi-line notes intact")
    func csvLoads() throws {
        let document = try RegistryCSV.decode(try TestData.snapshotBytes(TestData.csv2024), source: TestData.csv2024)
        #expect(document.entries.count == 14447)
        let http = try #require(document.entries.first { $0.serviceName == "www-http" && $0.transport == .udp })
        let notes = try #require(http.notes)
        #expect(notes.split(separator: "\n", omittingEmptySubsequences: false).count == 21)
        #expect(notes.hasSuffix("transported over HTTP is advertised explicitly as DNS-SD service type \"xul-http\"."))
        #expect(document.entries.filter { $0.notes?.contains("\n") == true }.count > 100)
    }

    @Test("the older XML loads, and the diff to the newer one is what IANA changed")
    func olderXMLDiffs() throws {
        let old = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.olderXML), source: TestData.olderXML)
        let new = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        #expect(old.entries.count == 14485)
        let diff = RegistryDiff(from: old.entries, to: new.entries)
        #expect(!diff.isEmpty)
        #expect(new.entries.count - old.entries.count == diff.added.count - diff.removed.count)
    }

    @Test("the XML of the registry, written as CSV, reads back to the same entries")
    func realCSVRoundTrip() throws {
        let document = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        let back = try RegistryCSV.decode(Array(RegistryCSV.encode(document).utf8), source: "written")
        #expect(back.entries.count == document.entries.count)
        let differing = zip(back.entries, document.entries).filter { $0 != $1 }
        // Only link texts differ: IANA's CSV, like ours, keeps a link's text without its address.
        #expect(differing.allSatisfy { pair in pair.0.references.map(\.label) == pair.1.references.map(\.label) })
    }
}
