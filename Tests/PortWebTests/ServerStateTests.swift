import Foundation
import Hummingbird
import HummingbirdTesting
import PortServer
import PortStore
import PortTestSupport
import Testing

@Suite("The server's state")
struct ServerStateTests {
    @Test("reads take turns on a pool of connections")
    func pool() throws {
        let fixture = try WebFixture()
        let pool = try ReaderPool(store: fixture.store, size: 3)
        let turns = (0..<6).map { _ in ObjectIdentifier(pool.reader) }
        #expect(Set(turns).count == 3)
        #expect(Array(turns[0..<3]) == Array(turns[3..<6]))
        #expect(try ReaderPool(store: fixture.store, size: 0).size == 1)
    }

    @Test("many requests at once, pages rendered and votes written, all answered")
    func concurrentRequests() async throws {
        let (app, fixture) = try RouteTests.application()
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<64 {
                    group.addTask { try await Self.request(index, client) }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses.filter { $0 == 200 }.count == 56)
                #expect(statuses.filter { $0 == 303 }.count == 8)
            }
        }
        // The router test's client has no address: every vote shares one key, so one a page, eight pages.
        #expect(try fixture.store.reader().voteCount() == 8)
    }

    /// Every eighth request a vote, the rest port pages; the response's status.
    static func request(_ index: Int, _ client: some TestClientProtocol) async throws -> Int {
        let uri = "/en/ports/\(3300 + index)"
        guard index % 8 == 0 else {
            return try await client.execute(uri: uri, method: .get, headers: [:], body: nil) { response in response.status.code }
        }
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        return try await client.execute(uri: uri + "/vote", method: .post, headers: form, body: ByteBuffer(string: "helpful=yes")) { response in
            response.status.code
        }
    }
}
