import Foundation
import HTTPTypes
import PortServer
import PortTestSupport
import Testing

@Suite("Who a vote comes from")
struct VoterKeysTests {
    static func keys(trusting proxies: [String] = []) throws -> VoterKeys {
        let folder = try TestData.temporaryFolder()
        return try VoterKeys.load(
            besideStore: folder.appendingPathComponent("store.sqlite").path,
            trustedProxies: proxies.map { try AddressBlock(parsing: $0) }
        )
    }

    @Test("the secret is a 0600 file of 32 bytes beside the store, made once and read after; deleting it rotates the keys")
    func secretFile() throws {
        let folder = try TestData.temporaryFolder()
        let store = folder.appendingPathComponent("store.sqlite").path
        let first = try VoterKeys.load(besideStore: store)
        let path = folder.appendingPathComponent(VoterKeys.fileName).path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(attributes[.size] as? Int == 32)
        let again = try VoterKeys.load(besideStore: store)
        #expect(again.key(peer: "192.0.2.1", headers: [:]) == first.key(peer: "192.0.2.1", headers: [:]))
        try FileManager.default.removeItem(atPath: path)
        let rotated = try VoterKeys.load(besideStore: store)
        #expect(rotated.key(peer: "192.0.2.1", headers: [:]) != first.key(peer: "192.0.2.1", headers: [:]))
    }

    @Test("a key file others may read is refused, naming it")
    func unsafeFile() throws {
        let folder = try TestData.temporaryFolder()
        let path = folder.appendingPathComponent(VoterKeys.fileName).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o644]))
        #expect(throws: ServerError.voteKeyUnsafe(path: path, reason: "may be read by other users (mode 644): chmod 600 it")) {
            try VoterKeys.load(besideStore: folder.appendingPathComponent("store.sqlite").path)
        }
    }

    @Test("IPv4 clients are keyed by address, IPv6 clients by their /64; the key is no address")
    func networks() throws {
        let keys = try Self.keys()
        let a = keys.key(peer: "2001:db8:1:2::10", headers: [:])
        #expect(a == keys.key(peer: "2001:db8:1:2:abcd::99", headers: [:]))
        #expect(a != keys.key(peer: "2001:db8:1:3::10", headers: [:]))
        #expect(keys.key(peer: "192.0.2.1", headers: [:]) != keys.key(peer: "192.0.2.2", headers: [:]))
        #expect(keys.key(peer: "::ffff:192.0.2.1", headers: [:]) == keys.key(peer: "192.0.2.1", headers: [:]))
        #expect(a.count == 32 && !a.contains(":"))
    }

    @Test("Forwarded and X-Forwarded-For count only from a trusted proxy, and only the hops it vouches for")
    func proxies() throws {
        let keys = try Self.keys(trusting: ["127.0.0.1", "10.0.0.0/8"])
        let forwarded: HTTPFields = [.init("X-Forwarded-For")!: "203.0.113.9, 10.1.2.3"]
        #expect(keys.clientAddress(peer: "127.0.0.1", headers: forwarded) == "203.0.113.9")
        // From anyone else the header is the client's own say-so.
        #expect(keys.clientAddress(peer: "198.51.100.4", headers: forwarded) == "198.51.100.4")
        // A client cannot hide behind an address it writes itself: the nearest untrusted hop counts.
        let spoofed: HTTPFields = [.init("X-Forwarded-For")!: "192.0.2.66, 203.0.113.9"]
        #expect(keys.clientAddress(peer: "127.0.0.1", headers: spoofed) == "203.0.113.9")
        let standard: HTTPFields = [.init("Forwarded")!: "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.5"]
        #expect(keys.clientAddress(peer: "10.9.9.9", headers: standard) == "2001:db8:cafe::17")
        #expect(keys.clientAddress(peer: "127.0.0.1", headers: [.init("X-Forwarded-For")!: "192.0.2.7:5555"]) == "192.0.2.7")
    }

    @Test(
        "--trusted-proxy takes addresses and CIDR blocks and refuses anything else, naming it",
        arguments: ["10.0.0.0/33", "example.com", "::1/129", "10.0.0.1/-1", ""]
    )
    func malformedBlocks(_ text: String) {
        #expect(throws: ServerError.malformedAddressBlock(text)) { try AddressBlock(parsing: text) }
    }

    @Test("a block holds the addresses under its prefix, IPv4 and IPv6")
    func blocks() throws {
        let v4 = try AddressBlock(parsing: "10.0.0.0/8")
        #expect(v4.contains(try #require(IPAddress("10.200.1.1"))))
        #expect(!v4.contains(try #require(IPAddress("11.0.0.1"))))
        let v6 = try AddressBlock(parsing: "2001:db8::/32")
        #expect(v6.contains(try #require(IPAddress("2001:db8:ffff::1"))))
        #expect(!v6.contains(try #require(IPAddress("2001:db9::1"))))
        #expect(try AddressBlock(parsing: "0.0.0.0/0").contains(try #require(IPAddress("203.0.113.1"))))
    }
}
