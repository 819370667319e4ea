import Foundation
import PortRegistry
import PortStore
import PortTestSupport
import PortUpdate
import Testing

@Suite("The store")
struct RegistryStoreTests {
    static func smallDocument() throws -> RegistryDocument {
        try RegistryXMLDecoder.decode(try TestData.fixtureBytes("registry-small.xml"), source: "registry-small.xml")
    }

    static func source(_ name: String, format: RegistryFormat = .xml) throws -> RegistryStore.ImportSource {
        .init(location: name, bytes: try TestData.fixtureBytes(name), format: format)
    }

    /// A store in a real SQLite file, with the small fixture imported.
    static func importedStore() throws -> RegistryStore {
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path)
        _ = try store.importRegistry(try smallDocument(), from: try source("registry-small.xml"))
        return store
    }

    @Test("an import becomes the current version, with its date, source and counts")
    func importsAVersion() throws {
        let store = try Self.importedStore()
        let version = try #require(try store.reader().currentVersion())
        #expect(version.updated == "2026-01-15")
        #expect(version.source == "registry-small.xml")
        #expect(version.entryCount == 20)
        #expect(version.peopleCount == 3)
        #expect(try store.reader().metadata(version: version.id).footnotes.count == 1)
        #expect(version.sha256.count == 64)
    }

    @Test("a port finds its entries, ranges included, in registry order")
    func lookupByPort() throws {
        let store = try Self.importedStore()
        #expect(try store.reader().entries(at: 3331).map(\.transport) == [.tcp, .udp])
        #expect(try store.reader().entries(at: 3331).allSatisfy { $0.serviceName == "mcs-messaging" })
        #expect(try store.reader().entries(at: 3368).map(\.serviceName) == ["satvid-datalnk"])
        #expect(try store.reader().entries(at: 3371).map(\.serviceName) == ["satvid-datalnk"])
        #expect(try store.reader().entries(at: 3372).map(\.status) == [.unassigned])
        #expect(try store.reader().entries(at: 5).isEmpty)
        let tarantool = try store.reader().entries(at: 3301, transport: .udp)
        #expect(tarantool.count == 1)
        #expect(tarantool.first?.unauthorizedUse == "Known Unauthorized Use on port 3301")
    }

    @Test("a range finds every entry that overlaps it; a protocol keeps entries that name none")
    func lookupByRange() throws {
        let store = try Self.importedStore()
        let span = try PortSpan(parsing: "3360-3375")
        #expect(try store.reader().entries(overlapping: span).map(\.ports?.description) == ["3367-3371", "3372-3380"])
        #expect(try store.reader().entries(overlapping: span, transport: .tcp).map(\.ports?.description) == ["3367-3371"])
        #expect(try store.reader().entries(overlapping: try PortSpan(parsing: "0-65535")).count == 19)
    }

    @Test("service names match case-insensitively")
    func lookupByName() throws {
        let store = try Self.importedStore()
        #expect(try store.reader().entries(named: "mysql").map(\.serviceName) == ["MySQL"])
        #expect(try store.reader().entries(named: "TARANTOOL").count == 2)
        #expect(try store.reader().entries(named: "argus").first?.ports == nil)
        #expect(try store.reader().entries(named: "nope").isEmpty)
    }

    @Test("search ranks names, then descriptions, above notes: \"key manager\" is not any entry whose notes define TXT keys")
    func searchRanking() throws {
        func entry(_ service: String, _ description: String, notes: String? = nil) -> RegistryEntry {
            var entry = RegistryEntry(serviceName: service, description: description)
            entry.notes = notes
            return entry
        }
        // Registry order puts the weak matches first, as IANA's DNS-SD entries come before many others.
        let document = RegistryDocument(entries: [
            entry("workgroup", "Workgroup Manager", notes: "Defined TXT keys: None"),
            entry("tera-fsmgr", "Terascala Filesystem Manager Protocol", notes: "Defined TXT keys: Proprietary"),
            entry("mediaboard1", "MediaBoardONE Asset and Information Manager data sharing", notes: "Defined TXT keys: version, url, key"),
            entry("kdm", "Key Distribution Manager"),
            entry("keysrv", "Manager of signing keys for a build farm"),
            entry("key-manager", "Appliance Control"),
        ])
        let store = try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path)
        _ = try store.importRegistry(document, from: .init(location: "ranking", bytes: Array("ranking".utf8), format: .xml))
        let names = try store.reader().search("key manager").compactMap(\.serviceName)
        #expect(names.count == 6)
        #expect(names.first == "key-manager")
        #expect(Set(names[1...2]) == ["kdm", "keysrv"])
        #expect(Set(names[3...]) == ["workgroup", "tera-fsmgr", "mediaboard1"])
    }

    @Test("full-text search covers names, descriptions, people and notes, and hostile text is only text")
    func search() throws {
        let store = try Self.importedStore()
        #expect(try store.reader().search("key manager").map(\.serviceName) == ["key-manager"])
        #expect(try store.reader().search("key manag").map(\.serviceName) == ["key-manager"])
        #expect(try store.reader().search("Turenko").count == 2)
        #expect(try store.reader().search("unauthorized").count == 2)
        #expect(try store.reader().search("TXT keys").map(\.serviceName) == ["argus"])
        for hostile in ["\"", "a OR b NEAR(c", "*", "') DROP TABLE entry; --", "col:value", "^", "", "NOT"] {
            _ = try store.reader().search(hostile)
        }
        #expect(try store.reader().entries(at: 3331).count == 2)
    }

    @Test("people resolve through the current version's table")
    func people() throws {
        let store = try Self.importedStore()
        let people = try store.reader().people(["Tarantool", "Alexander_Turenko", "Nobody"])
        #expect(people.count == 2)
        #expect(people["Alexander_Turenko"]?.organization == "Tarantool")
    }

    @Test("the same file twice is stored once; an earlier version can be made current again")
    func versions() throws {
        let store = try Self.importedStore()
        var changed = try Self.smallDocument()
        changed.metadata.updated = "2026-02-01"
        changed.entries.append(RegistryEntry(serviceName: "brand-new", ports: PortSpan(port: 40001), transport: .tcp, description: "New"))
        let second = try store.importRegistry(changed, from: .init(location: "second.xml", sha256: String(repeating: "a", count: 64), format: .xml))
        #expect(!second.alreadyImported)
        #expect(second.changes?.added.map(\.serviceName) == ["brand-new"])
        #expect(try store.reader().entries(at: 40001).count == 1)

        let again = try store.importRegistry(try Self.smallDocument(), from: try Self.source("registry-small.xml"))
        #expect(again.alreadyImported)
        #expect(again.version.id == 1)
        #expect(try store.reader().versions().count == 2)
        #expect(try store.reader().entries(at: 40001).isEmpty)

        _ = try store.makeCurrent(version: 2)
        #expect(try store.reader().currentVersion()?.updated == "2026-02-01")
        #expect(throws: StoreError.noSuchVersion(9)) { try store.makeCurrent(version: 9) }
    }

    @Test("the whole document reads back as it was imported")
    func documentRoundTrip() throws {
        let store = try Self.importedStore()
        let document = try #require(try store.reader().currentDocument())
        #expect(document == (try Self.smallDocument()))
    }

    @Test("a read-only open finds nothing where no store exists, and refuses a file that is not one")
    func readOnlyOpen() throws {
        let folder = try TestData.temporaryFolder()
        #expect(try RegistryReader.open(path: folder.appendingPathComponent("missing.sqlite").path) == nil)
        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data("this is not a database, not at all, not even close to one".utf8).write(to: junk)
        #expect(throws: StoreError.self) { try RegistryReader.open(path: junk.path) }
    }
}
