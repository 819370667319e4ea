import Foundation
import PortStore
import PortTestSupport
import PortUpdate
import Testing

@Suite("A registry file's fingerprint")
struct FingerprintTests {
    @Test("SHA-256 in hex matches FIPS 180-4's examples")
    func examples() {
        #expect(RegistryStore.ImportSource.sha256(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(RegistryStore.ImportSource.sha256(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(RegistryStore.ImportSource.sha256(of: long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test(
        "the snapshot's fingerprint matches sha256sum's",
        .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment))
    )
    func snapshot() throws {
        let bytes = try TestData.snapshotBytes(TestData.currentXML)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", TestData.snapshotFolder.appendingPathComponent(TestData.currentXML).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(RegistryStore.ImportSource.sha256(of: bytes) == String(expected))
    }
}
