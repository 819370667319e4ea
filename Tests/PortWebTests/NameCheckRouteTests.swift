import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PortRegistry
import PortServer
import PortStore
import PortTestSupport
import PortUpdate
import Testing

@Suite("The name check and suggestions on the site")
struct NameCheckRouteTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    @Test("the page: a form, the verdict in each language, the holder linked, the name escaped")
    func page() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/en/check-name", method: .get) { response in
                #expect(response.status == .ok)
                let text = RouteTests.text(response)
                #expect(text.contains("<form action=\"/en/check-name\" method=\"get\""))
                #expect(!text.contains("check-result"))
            }
            try await client.execute(uri: "/en/check-name?name=mysql", method: .get) { response in
                let text = RouteTests.text(response)
                #expect(text.contains("“mysql” is taken: the registry already holds it."))
                #expect(text.contains("<a href=\"/en/services/MySQL\">MySQL</a> 3306/tcp"))
            }
            try await client.execute(uri: "/uk/check-name?name=my--svc", method: .get) { response in
                let text = RouteTests.text(response)
                #expect(text.contains("«my--svc» — неправильна назва служби."))
                #expect(text.contains("У назві два дефіси поспіль."))
            }
            try await client.execute(uri: "/en/check-name?name=%3Cscript%3E", method: .get) { response in
                let text = RouteTests.text(response)
                #expect(!text.contains("<script>"))
                #expect(text.contains("&lt;script&gt;"))
            }
            try await client.execute(uri: "/en/check-name?name=" + String(repeating: "a", count: 65), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(RouteTests.text(response).contains("the parameter &#39;name&#39; is longer than 64 characters"))
            }
        }
    }

    @Test("the API: free, taken, invalid (16 characters); a missing or 65-character name is a 400 that says so")
    func api() async throws {
        let (app, _) = try RouteTests.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/check-name?name=my-service", method: .get) { response in
                let object = try Self.json(response)
                #expect(object["verdict"] as? String == "free")
            }
            try await client.execute(uri: "/api/v1/check-name?name=MYSQL", method: .get) { response in
                let object = try Self.json(response)
                #expect(object["verdict"] as? String == "taken")
                #expect((object["holders"] as? [[String: Any]])?.first?["ports"] as? String == "3306")
            }
            try await client.execute(uri: "/api/v1/check-name?name=sixteen-chars-xx", method: .get) { response in
                let object = try Self.json(response)
                #expect(object["verdict"] as? String == "invalid")
                #expect((object["violations"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["too-long"])
            }
            try await client.execute(uri: "/api/v1/check-name", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(RouteTests.text(response).contains("the query parameter 'name' is missing"))
            }
            try await client.execute(uri: "/api/v1/check-name?name=" + String(repeating: "a", count: 65), method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("suggest: the fixture's explicit Unassigned range, the same for one seed; bad counts and protocols are 400")
    func suggest() async throws {
        let (app, fixture) = try RouteTests.application()
        try await app.test(.router) { client in
            // registry-small.xml's only User-port Unassigned row lies in Windows XP's old ephemeral range.
            try await client.execute(uri: "/api/v1/suggest?count=3&protocol=udp", method: .get) { response in
                #expect(response.status == .ok)
                let object = try Self.json(response)
                #expect((object["suggestions"] as? [Any])?.isEmpty == true)
            }
            let bytes = try TestData.fixtureBytes("registry-suggest.xml")
            _ = try fixture.store.importRegistry(
                try RegistryXMLDecoder.decode(bytes, source: "registry-suggest.xml"),
                from: .init(location: "registry-suggest.xml", bytes: bytes, format: .xml)
            )
            let first = try await client.execute(uri: "/api/v1/suggest?count=3&seed=my-app", method: .get) { response in
                #expect(response.status == .ok)
                let suggestions = try #require(try Self.json(response)["suggestions"] as? [[String: Any]])
                #expect(suggestions.count == 3)
                #expect(suggestions.allSatisfy { ($0["port"] as? Int).map { (23990...24010).contains($0) && $0 != 24000 } == true })
                #expect(suggestions.allSatisfy { $0["machine"] as? Bool == false && $0["unassigned"] as? String == "23990-24010" })
                return suggestions.compactMap { $0["port"] as? Int }
            }
            try await client.execute(uri: "/api/v1/suggest?count=3&seed=my-app", method: .get) { response in
                let again = try #require(try Self.json(response)["suggestions"] as? [[String: Any]]).compactMap { $0["port"] as? Int }
                #expect(again == first)
            }
            for bad in ["count=0", "count=10000", "count=x", "protocol=ftp", "seed=" + String(repeating: "s", count: 101)] {
                try await client.execute(uri: "/api/v1/suggest?\(bad)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                    let object = try Self.json(response)
                    #expect((object["error"] as? [String: Any])?["message"] is String)
                }
            }
        }
    }
}
