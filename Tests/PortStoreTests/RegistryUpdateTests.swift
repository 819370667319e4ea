import Foundation
import Logging
import PortRegistry
import PortStore
import PortTestSupport
import PortUpdate
import Testing

@Suite("Updating from a real HTTP server on loopback")
struct RegistryUpdateTests {
    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    static func update(_ store: RegistryStore) -> RegistryUpdate {
        RegistryUpdate(store: store, downloader: RegistryDownloader(timeout: .seconds(20), logger: logger), logger: logger)
    }

    /// The small fixture, and a loopback server that serves it as `/registry.xml` with ETag "v1".
    static func servingSmallRegistry() throws -> (xml: [UInt8], server: LoopbackServer) {
        let xml = try TestData.fixtureBytes("registry-small.xml")
        return (xml, LoopbackServer(files: ["/registry.xml": .init(bytes: xml, etag: "\"v1\"")]))
    }

    static func newStore() throws -> RegistryStore {
        try RegistryStore(path: try TestData.temporaryFolder().appendingPathComponent("update.sqlite").path)
    }

    @Test("a download imports; the next one is a conditional GET answered 304")
    func conditionalGet() async throws {
        let (_, server) = try Self.servingSmallRegistry()
        let store = try Self.newStore()
        try await server.run { base in
            let first = try await Self.update(store).run(from: base + "/registry.xml")
            guard case .imported(let outcome) = first else {
                Issue.record("expected an import")
                return
            }
            #expect(outcome.version.etag == "\"v1\"")
            #expect(outcome.version.updated == "2026-01-15")
            let second = try await Self.update(store).run(from: base + "/registry.xml")
            guard case .notModified(let version) = second else {
                Issue.record("expected 304")
                return
            }
            #expect(version.id == outcome.version.id)
        }
        #expect(server.seen.map(\.ifNoneMatch) == [nil, "\"v1\""])
    }

    @Test("a truncated download is refused and the previous version stays current")
    func truncatedDownload() async throws {
        let (xml, server) = try Self.servingSmallRegistry()
        let store = try Self.newStore()
        try await server.run { base in
            _ = try await Self.update(store).run(from: base + "/registry.xml")
            server.serve("/registry.xml", .init(bytes: Array(xml[..<(xml.count / 2)]), etag: "\"v2\""))
            await #expect(throws: RegistryError.self) { try await Self.update(store).run(from: base + "/registry.xml") }
        }
        #expect(try store.reader().versions().count == 1)
        #expect(try store.reader().entries(at: 3331).count == 2)
    }

    @Test("HTTP errors, refused connections and bad addresses are named")
    func failures() async throws {
        let server = LoopbackServer(files: [:])
        let store = try Self.newStore()
        let closedPort = try await server.run { base in
            await #expect(throws: FetchError.httpStatus(url: base + "/missing.xml", status: 404)) {
                try await Self.update(store).run(from: base + "/missing.xml")
            }
            return base
        }
        // The server has stopped: nothing listens on its port now.
        let error = await #expect(throws: FetchError.self) { try await Self.update(store).run(from: closedPort + "/registry.xml") }
        if case .unreachable(let url, _)? = error {
            #expect(url == closedPort + "/registry.xml")
        } else {
            Issue.record("expected unreachable, got \(String(describing: error))")
        }
        await #expect(throws: FetchError.badURL("ftp://example.invalid/x")) {
            _ = try await RegistryDownloader(logger: Self.logger).fetch("ftp://example.invalid/x")
        }
        #expect(try store.reader().currentVersion() == nil)
    }

    @Test("a body over the size cap is refused")
    func sizeCap() async throws {
        let server = LoopbackServer(files: ["/big.xml": .init(bytes: Array(repeating: 0x20, count: 300_000), etag: "\"big\"")])
        try await server.run { base in
            await #expect(throws: FetchError.tooLarge(url: base + "/big.xml", limit: 100_000)) {
                _ = try await RegistryDownloader(maximumBytes: 100_000, logger: Self.logger).fetch(base + "/big.xml")
            }
        }
    }

    @Test("local files: CSV and XML detected, a missing file named, a file imported before made current")
    func localFiles() async throws {
        let store = try Self.newStore()
        let xml = TestData.fixture("registry-small.xml").path
        let csv = TestData.fixture("registry-small.csv").path
        guard case .imported(let first) = try await Self.update(store).run(from: xml) else {
            Issue.record("expected an import")
            return
        }
        #expect(first.version.format == .xml)
        guard case .imported(let second) = try await Self.update(store).run(from: csv) else {
            Issue.record("expected an import")
            return
        }
        #expect(second.version.format == .csv)
        #expect(second.changes?.isEmpty == true)
        guard case .imported(let third) = try await Self.update(store).run(from: xml) else {
            Issue.record("expected an import")
            return
        }
        #expect(third.alreadyImported)
        await #expect(throws: UpdateError.cannotRead(path: "/nonexistent/registry.xml", reason: "no such file")) {
            try await Self.update(store).run(from: "/nonexistent/registry.xml")
        }
    }

    @Test(
        "the real 2026-08-17 snapshot downloads and imports whole",
        .enabled(if: TestData.snapshotsEnabled, Comment(rawValue: TestData.snapshotsComment))
    )
    func realSnapshot() async throws {
        let bytes = try TestData.snapshotBytes(TestData.currentXML)
        let server = LoopbackServer(files: [
            "/assignments/service-names-port-numbers/service-names-port-numbers.xml": .init(bytes: bytes, etag: "\"2026\"")
        ])
        let store = try Self.newStore()
        try await server.run { base in
            let outcome = try await Self.update(store).run(from: base + "/assignments/service-names-port-numbers/service-names-port-numbers.xml")
            #expect(outcome.version.entryCount == 14533)
            #expect(outcome.version.sha256 == RegistryStore.ImportSource.sha256(of: bytes))
        }
        #expect(try store.reader().entries(at: 3331).map(\.serviceName) == ["mcs-messaging", "mcs-messaging"])
    }
}
