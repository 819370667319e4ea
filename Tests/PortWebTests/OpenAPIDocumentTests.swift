import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PortServer
import PortTestSupport
import PortWeb
import Testing

/// The OpenAPI document and the router must not drift: every route is in the document, and every path of
/// the document answers exactly the methods it declares (405 for the rest). The responses' shapes are
/// checked against the document by schemathesis (`scripts/api-test`, its response_schema_conformance check).
@Suite("The OpenAPI document describes the router")
struct OpenAPIDocumentTests {
    static var document: [String: Any] {
        let url = URL(fileURLWithPath: TestData.webResources + "/Assets/openapi.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }

    static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    /// A parameter, through its `$ref` when it has one.
    static func resolve(_ parameter: Any) -> [String: Any] {
        guard let parameter = parameter as? [String: Any] else { return [:] }
        guard let ref = parameter["$ref"] as? String else { return parameter }
        let name = String(ref.split(separator: "/").last ?? "")
        let components = document["components"] as? [String: Any]
        return (components?["parameters"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    /// The path with each `{name}` replaced by its parameter's example, or the first of its enum.
    static func example(_ path: String, _ operation: [String: Any]) -> String {
        var uri = path
        for parameter in (operation["parameters"] as? [Any] ?? []).map(resolve) where parameter["in"] as? String == "path" {
            let name = parameter["name"] as? String ?? ""
            let schema = parameter["schema"] as? [String: Any]
            let value = parameter["example"] as? String ?? (schema?["enum"] as? [String])?.first ?? ""
            uri = uri.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return uri
    }

    @Test("every route the router has is a path of the document")
    func routesAreDocumented() throws {
        let fixture = try WebFixture()
        let router = buildRouter(pages: fixture.pages, resources: fixture.resources, metrics: SiteMetrics())
        // The router writes `/{lang}/` as `/{lang}`.
        let trimmed = { (path: String) in path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path }
        let routed = Set(router.routes.map { trimmed($0.path.description) })
        #expect(routed == Set(Self.paths.keys.map(trimmed)))
    }

    @Test("the document's languages are the site's")
    func languages() throws {
        let fixture = try WebFixture()
        let lang = Self.resolve(["$ref": "#/components/parameters/Lang"])
        #expect((lang["schema"] as? [String: Any])?["enum"] as? [String] == fixture.resources.languages.all.map(\.code))
    }

    @Test("every path answers the methods the document declares, and 405 with Allow to the others")
    func methods() async throws {
        let (app, _) = try RouteTests.application()
        let standard: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .trace]
        #expect(Self.paths.count == 53)
        // The fixture holds one registry version: the latest changes are a 404 there (`tooFewVersions`);
        // ChangesPageTests checks that route with two.
        let notFoundOnTheFixture: Set<String> = ["/api/v1/registry/changes"]
        try await app.test(.router) { client in
            for (path, operations) in Self.paths {
                let declared = Set(operations.keys.map { $0.uppercased() })
                let operation = operations.values.first as? [String: Any] ?? [:]
                let uri = Self.example(path, operation)
                for method in standard {
                    let body = method == .post ? ByteBuffer(string: "helpful=yes") : nil
                    let headers: HTTPFields = method == .post ? [.contentType: "application/x-www-form-urlencoded"] : [:]
                    let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                    if declared.contains(method.rawValue) {
                        let found = response.status != .notFound || notFoundOnTheFixture.contains(path)
                        #expect(response.status != .methodNotAllowed && found, "\(method) \(uri)")
                    } else {
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == (declared.sorted() == ["GET"] ? "GET, HEAD, OPTIONS" : "POST, OPTIONS"), "\(uri)")
                    }
                }
            }
        }
    }
}
