import Foundation
import PortRegistry
import PortStore
import PortTestSupport
import Testing

@Suite(
    "History and export through the store, on IANA's real registry",
    .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment))
)
struct RealHistoryTests {
    @Test("the 2024 CSV, imported and exported from the store, comes back byte for byte")
    func csvThroughStore() throws {
        let store = try RealRegistryStoreTests.store(with: [TestData.csv2024])
        let document = try #require(try store.reader().currentDocument())
        let bytes = try TestData.snapshotBytes(TestData.csv2024)
        #expect(Array(RegistryExportFormat.csv.encode(document).utf8) == bytes)
    }

    @Test("two versions: the default diff is the last two, versions by number or date, 4319's timeline shows the rename")
    func versionsAndTimeline() throws {
        let store = try RealRegistryStoreTests.store(with: [TestData.olderXML, TestData.currentXML])
        let reader = try store.reader()
        let (old, new) = try reader.comparedVersions(old: nil, new: nil)
        #expect(old.updated == "2025-08-26")
        #expect(new.updated == "2026-08-17")
        #expect(try reader.version(named: "2025-08-26") == old)
        #expect(try reader.version(named: String(new.id)) == new)
        #expect(throws: VersionError.unknownVersion("2024-01-01", known: ["\(old.id) (2025-08-26)", "\(new.id) (2026-08-17)"])) {
            try reader.version(named: "2024-01-01")
        }
        let viaStore = try reader.changes(from: old, to: new)
        let direct = RegistryChanges(
            from: try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.olderXML), source: "old").entries,
            to: try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: "new").entries
        )
        #expect(viaStore == direct)

        let steps = try reader.history(of: PortSpan(port: 4319))
        #expect(steps.count == 2)
        #expect(steps[0].entries.map(\.serviceName) == ["fox-skytale", "fox-skytale"])
        #expect(steps[1].changes?.changes.map(\.kind) == [.renamed, .renamed])
        let at831 = try reader.history(of: PortSpan(port: 831))
        #expect(at831[1].changes?.changes(.released).count == 2)
    }

    @Test("one version is too few to compare")
    func oneVersion() throws {
        let store = try RealRegistryStoreTests.store(with: [TestData.currentXML])
        #expect(throws: VersionError.tooFewVersions(1)) { try store.reader().comparedVersions(old: nil, new: nil) }
    }
}
