import Foundation
import PortRegistry
import PortReport
import PortStore
import PortTestSupport
import PortUpdate
import Testing

@Suite("The store on IANA's real registry", .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment)))
struct RealRegistryStoreTests {
    static func store(with files: [String]) throws -> RegistryStore {
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("real.sqlite").path)
        for file in files {
            let bytes = try TestData.snapshotBytes(file)
            let (document, format) = try RegistryFormat.decode(bytes, source: file)
            _ = try store.importRegistry(document, from: .init(location: file, bytes: bytes, format: format))
        }
        return store
    }

    @Test("every port 0–65535 gets a range and an answer, and the answers agree with the file")
    func everyPortAnswers() throws {
        let store = try Self.store(with: [TestData.currentXML])
        let document = try RegistryXMLDecoder.decode(try TestData.snapshotBytes(TestData.currentXML), source: TestData.currentXML)
        var expected = [Int](repeating: 0, count: 65536)
        for entry in document.entries {
            guard let ports = entry.ports else { continue }
            for port in ports.start...ports.end { expected[Int(port)] += 1 }
        }
        let lookup = PortLookup(store: try store.reader())
        var unlisted = 0
        for port in 0...65535 {
            let answer = try lookup.answer(.port(UInt16(port)))
            #expect(answer.range == PortRange(containing: UInt16(port)))
            #expect(answer.source.updated == "2026-08-17")
            if answer.entries.count != expected[port] {
                Issue.record("port \(port): \(answer.entries.count) entries, the file has \(expected[port])")
            }
            if !answer.isListed { unlisted += 1 }
        }
        #expect(unlisted == expected.filter { $0 == 0 }.count)
    }

    @Test("3331, 3368 and 3301 answer as IANA lists them")
    func knownPorts() throws {
        let store = try Self.store(with: [TestData.currentXML])
        let at3331 = try store.reader().entries(at: 3331)
        #expect(at3331.map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
        #expect(at3331.map(\.transport) == [.tcp, .udp])
        #expect(try store.reader().entries(at: 3368).map(\.serviceName) == ["satvid-datalnk"])
        #expect(try store.reader().entries(at: 3301).allSatisfy { $0.unauthorizedUse == "Known Unauthorized Use on port 3301" })
        #expect(try store.reader().entries(named: "mysql").map(\.ports) == [PortSpan(port: 3306), PortSpan(port: 3306)])
        #expect(try store.reader().search("key manager").contains { $0.serviceName != nil })
    }

    @Test("a truncated file is refused and the previous version stays current and whole")
    func truncatedImportLeavesPrevious() throws {
        let store = try Self.store(with: [TestData.olderXML])
        let before = try #require(try store.reader().currentVersion())
        let bytes = try TestData.snapshotBytes(TestData.currentXML)
        let cut = Array(bytes[..<(bytes.count * 2 / 3)])
        #expect(throws: RegistryError.self) { try RegistryFormat.decode(cut, source: "cut.xml") }
        #expect(try store.reader().currentVersion() == before)
        #expect(try store.reader().versions().count == 1)
        #expect(try store.reader().allEntries(version: before.id).count == 14485)
        #expect(try store.reader().entries(at: 3331).count == 2)
    }

    @Test("importing the newer registry over the older says what changed")
    func updateDiff() throws {
        let store = try Self.store(with: [TestData.olderXML])
        let bytes = try TestData.snapshotBytes(TestData.currentXML)
        let document = try RegistryXMLDecoder.decode(bytes, source: TestData.currentXML)
        let outcome = try store.importRegistry(document, from: .init(location: TestData.currentXML, bytes: bytes, format: .xml))
        let diff = try #require(outcome.changes)
        #expect(outcome.previous?.updated == "2025-08-26")
        #expect(diff.added.count - diff.removed.count == 14533 - 14485)
        #expect(diff.removed.contains { $0.serviceName == "netconf-beep" })
    }

    @Test("the 2024 CSV imports, its date inferred from its records")
    func csvImports() throws {
        let store = try Self.store(with: [TestData.csv2024])
        let version = try #require(try store.reader().currentVersion())
        #expect(version.format == .csv)
        #expect(version.entryCount == 14447)
        #expect(version.updated?.hasPrefix("2024") == true)
        #expect(try store.reader().entries(at: 3331).map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
    }
}
