import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortKnowledge
import PortRegistry
import PortServer
import PortStore
import PortTestSupport
import PortVotesPostgres
import PortWeb
import Testing

/// The server with its votes in PostgreSQL: pages always, votes when the database answers.
@Suite("The server with votes in PostgreSQL")
struct ServerVotesTests {
    /// A store with the small fixture registry imported.
    static func storePath() throws -> String {
        let path = try TestData.temporaryFolder().appendingPathComponent("store.sqlite").path
        let store = try RegistryStore(path: path)
        let bytes = try TestData.fixtureBytes("registry-small.xml")
        let document = try RegistryXMLDecoder.decode(bytes, source: "registry-small.xml")
        _ = try store.importRegistry(document, from: .init(location: "registry-small.xml", sha256: "fixture", format: .xml))
        return path
    }

    static func application(votes: PostgresVotes) throws -> some ApplicationProtocol {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let configuration = ServerConfiguration(port: 0, storePath: try storePath(), resourceFolder: TestData.webResources)
        return try buildApplication(configuration, logger: logger, votes: votes)
    }

    static let form = ByteBuffer(string: "helpful=yes&comment=thanks")

    @Test("PostgreSQL away: pages are served, /healthz says votes unavailable, the form says paused, a vote gets 503")
    func databaseAway() async throws {
        let hanging = try BoundSocket(tcp: true, address: "127.0.0.1")
        let votes = try PostgresVotes(url: "postgres://portatlas@127.0.0.1:\(hanging.port)/portatlas?sslmode=disable", timeout: .milliseconds(500))
        let app = try Self.application(votes: votes)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"votes\":\"unavailable\""))
            }
            try await client.execute(uri: "/en/ports/3331", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("Voting is paused for a moment; the page itself is up to date."))
                #expect(!page.contains("<form method=\"post\""))
            }
            try await client.execute(uri: "/uk/ports/3331", method: .get) { response in
                #expect(String(buffer: response.body).contains("Голосування ненадовго призупинено"))
            }
            try await client.execute(
                uri: "/en/ports/3331/vote",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form
            ) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("so your vote was not recorded"))
            }
        }
        withExtendedLifetime(hanging) {}
    }

    @Test("PostgreSQL there: once checked, the form is back, a vote's 303 comes with PostgreSQL holding it, and another replica's page shows it")
    func databaseThere() async throws {
        let url = try await VoteBackend.freshDatabase()
        let votes = try PostgresVotes(url: url, timeout: VoteBackend.testTimeout)
        let resources = try SiteResources.load(folder: TestData.webResources)
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: TestData.knowledgeFolder, configFolder: nil, extra: []))
        let store = try RegistryStore(path: try Self.storePath())
        func replica() throws -> SitePages {
            try SitePages(site: Site(languages: resources.languages, products: knowledge.products), store: store, knowledge: knowledge, votes: votes)
        }
        let (first, second) = (try replica(), try replica())
        try await VoteBackend.running([votes]) { () async throws in
            #expect(!first.votesAvailable)
            await first.checkVotes()
            await second.checkVotes()
            #expect(first.votesAvailable && second.votesAvailable)
            let english = resources.languages.english
            // The second replica renders (and keeps) the page before the vote.
            #expect(String(decoding: try await second.port(3331, english).body, as: UTF8.self).contains("0 found this page helpful"))
            let app = Application(router: buildRouter(pages: first, resources: resources, metrics: SiteMetrics()))
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(String(buffer: response.body).contains("\"votes\":\"available\""))
                }
                try await client.execute(
                    uri: "/en/ports/3331/vote",
                    method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: Self.form
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == "/en/ports/3331?voted=recorded#vote")
                }
            }
            #expect(try await votes.votes(page: "/ports/3331", since: nil).map(\.comment) == ["thanks"])
            // The second replica sees the vote at its next check, and drops its copy of the page.
            await second.checkVotes()
            #expect(String(decoding: try await second.port(3331, english).body, as: UTF8.self).contains("1 found this page helpful"))
        }
    }
}
