import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import PortKnowledge
import PortRegistry
import PortServer
import PortStore
import PortWeb

/// libFuzzer entry point for the web server: each input is one request, sent through the real router
/// (every route, middleware, page renderer and the store behind them), and the server must answer it
/// without crashing, hanging or failing with a 5xx. Input: the first byte picks the method, the rest up to a
/// newline is the request target (bytes a client could not send are percent-encoded, as clients do), and
/// what follows is the body.
///
/// Run from the repository's root (scripts/fuzz does): the small fixture registry is imported into a
/// temporary store once, with the bundled knowledge and the site's resources.
final class Harness: @unchecked Sendable {
    // @unchecked: built once before the first input, then only read.
    let responder: any HTTPResponder<SiteRequestContext>
    let channel = EmbeddedChannel()
    let logger = Logger(label: "fuzz")

    init() throws {
        let folder = NSTemporaryDirectory() + "portatlas-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try RegistryStore(path: folder + "/store.sqlite")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "Tests/Fixtures/registry-small.xml")))
        let document = try RegistryXMLDecoder.decode(bytes, source: "registry-small.xml")
        _ = try store.importRegistry(document, from: .init(location: "registry-small.xml", sha256: String(repeating: "0", count: 64), format: .xml))
        let knowledge = try KnowledgeBase.load(.init(bundledFolder: "Sources/PortKnowledge/Knowledge", configFolder: nil))
        let resources = try SiteResources.load(folder: "Sources/PortWeb/Resources")
        let site = Site(languages: resources.languages, baseURL: "", products: knowledge.products)
        let pages = try SitePages(
            site: site,
            store: store,
            knowledge: knowledge,
            voters: try VoterKeys.load(besideStore: folder + "/store.sqlite")
        )
        responder = buildRouter(pages: pages, resources: resources, metrics: SiteMetrics()).buildResponder()
    }

    static let methods: [HTTPRequest.Method] = [.get, .get, .get, .head, .post, .put, .delete, .options, .patch, .trace]

    func respond(to input: [UInt8]) async -> HTTPResponse.Status? {
        guard let first = input.first else { return nil }
        let method = Self.methods[Int(first) % Self.methods.count]
        let rest = input.dropFirst()
        let newline = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        var target = "/"
        for byte in rest[..<newline] where !(target == "/" && byte == 0x2F) {
            target += (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        let body = newline < rest.endIndex ? ByteBuffer(bytes: rest[(newline + 1)...]) : ByteBuffer()
        var head = HTTPRequest(method: method, scheme: "http", authority: "localhost", path: target)
        if method == .post { head.headerFields[.contentType] = "application/x-www-form-urlencoded" }
        let request = Request(head: head, body: .init(buffer: body))
        let context = SiteRequestContext(source: .init(channel: channel, logger: logger))
        do {
            let response = try await responder.respond(to: request, context: context)
            // Rendering happens as the body is written: write it all, and drop it.
            try await response.body.write(Discard())
            return response.status
        } catch {
            // An error a route throws becomes the router's error response; anything else reaching here is a bug.
            return (error as? any HTTPResponseError)?.status ?? .internalServerError
        }
    }

    struct Discard: ResponseBodyWriter {
        mutating func write(_ buffer: ByteBuffer) async throws {}
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

/// Set up on first use: a global outside main.swift is initialized lazily, which libFuzzer's own `main` needs.
nonisolated(unsafe) let harness: Harness = {
    do {
        return try Harness()
    } catch {
        fatalError("cannot set up the router (run from the repository's root): \(error)")
    }
}()
