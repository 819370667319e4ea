import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PortRegistry
import PortReport
import PortStore
import PortWeb

/// The site's routes: pages in every language, votes, downloads, the JSON API, health and metrics.
/// Handlers parse the request, ask `SitePages`, and send what it rendered.
struct SiteController {
    let pages: SitePages
    let resources: SiteResources
    let metrics: SiteMetrics

    var languages: Languages { pages.site.languages }

    func addRoutes(to router: Router<SiteRequestContext>) {
        router.get("/healthz") { _, _ in try health() }
        router.get("/metrics") { _, _ in try metricsText() }
        router.get("/assets/site.css") { request, _ in send(Page(contentType: "text/css; charset=utf-8", body: resources.stylesheet), request) }
        router.get("/openapi.json") { request, _ in send(Page(contentType: "application/json", body: resources.openAPI), request) }
        router.get("/robots.txt") { request, _ in send(Page(contentType: "text/plain; charset=utf-8", body: pages.site.robots), request) }
        router.get("/sitemap.xml") { request, _ in send(Page(contentType: "application/xml", body: pages.site.sitemapIndex), request) }
        router.get("/sitemaps/{file}") { request, context in
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".xml"), let part = Int(file.dropLast(4)), let map = pages.site.sitemap(part: part) else {
                return try notFound(request)
            }
            return send(Page(contentType: "application/xml", body: map), request)
        }
        router.get("/registry.csv") { request, _ in
            guard let page = try pages.registryCSV() else { return try notFound(request) }
            var response = send(page, request)
            response.headers[.contentDisposition] = "attachment; filename=\"service-names-port-numbers.csv\""
            return response
        }
        router.get("/registry.xml") { request, _ in
            guard let page = try pages.registryXML() else { return try notFound(request) }
            var response = send(page, request)
            response.headers[.contentDisposition] = "attachment; filename=\"service-names-port-numbers.xml\""
            return response
        }

        // The JSON API: the CLI's --json shapes.
        router.get("/api/v1/ports/{query}") { request, context in try api(request) { () throws in try portAPI(context.parameters.get("query") ?? "") } }
        router.get("/api/v1/services/{name}") { request, context in
            try api(request) { () throws in
                let name = context.parameters.get("name") ?? ""
                return try pages.answer(try PortQuery(parsing: name), path: "/services/\(name)", nil)
            }
        }
        router.get("/api/v1/search") { request, _ in
            try api(request) { () throws in try pages.search(request.uri.queryParameters.get("q") ?? "", nil) }
        }
        router.get("/api/v1/registry") { request, _ in try api(request) { () throws in try pages.registryJSON() } }

        // Pages, under a language prefix or, without one, in the language the browser prefers.
        for prefix in ["", "/{lang}"] {
            router.get(prefix.isEmpty ? "/" : "/{lang}/") { request, context in
                try page(request, context) { language throws in try pages.home(language) }
            }
            router.get("\(prefix)/ports/{query}") { request, context in
                try page(request, context) { language throws in
                    let query = context.parameters.get("query") ?? ""
                    switch try PortQuery(parsing: query) {
                    case .port(let port):
                        let voted = request.uri.queryParameters.get("voted").flatMap { ["recorded", "limited"].contains($0) ? $0 : nil }
                        return try pages.port(port, language, voted: voted)
                    case .span(let span): return try pages.answer(.span(span), path: "/ports/\(span)", language)
                    case .service: throw RegistryError.malformedPort(query)
                    }
                }
            }
            router.post("\(prefix)/ports/{query}/vote") { request, context in try await vote(request, context) }
            router.get("\(prefix)/services/{name}") { request, context in
                try page(request, context) { language throws in
                    let name = context.parameters.get("name") ?? ""
                    return try pages.answer(try PortQuery(parsing: name), path: "/services/\(name)", language)
                }
            }
            router.get("\(prefix)/ranges/{range}") { request, context in
                try page(request, context) { language throws in
                    guard let range = PortRange(rawValue: context.parameters.get("range") ?? "") else {
                        return pages.notFound(language("notFound.help"), language)
                    }
                    return try pages.range(range, language)
                }
            }
            router.get("\(prefix)/search") { request, context in
                try page(request, context) { language throws in
                    let text = request.uri.queryParameters.get("q") ?? ""
                    // A port or a range goes straight to its page.
                    switch try? PortQuery(parsing: text.trimmingCharacters(in: .whitespaces)) {
                    case .port(let port): return Page.redirect(to: "/\(language.code)/ports/\(port)")
                    case .span(let span): return Page.redirect(to: "/\(language.code)/ports/\(span)")
                    default: break
                    }
                    return try pages.search(text, language)
                }
            }
            router.get("\(prefix)/registry") { request, context in
                try page(request, context) { language throws in
                    let parameters = request.uri.queryParameters
                    let view = Site.RegistryView(
                        page: parameters.get("page", as: Int.self) ?? 1,
                        transport: parameters.get("protocol").flatMap { TransportProtocol(name: $0) },
                        text: String((parameters.get("q") ?? "").prefix(100)))
                    return try pages.registry(view, language)
                }
            }
            router.get("\(prefix)/registry/people") { request, context in
                try page(request, context) { language throws in
                    try pages.people(page: request.uri.queryParameters.get("page", as: Int.self) ?? 1, language)
                }
            }
        }
    }

    // MARK: Handlers

    /// The language from the path, else from `Accept-Language`; `nil` for a prefix the site does not speak.
    func language(_ request: Request, _ context: SiteRequestContext) -> (Language, negotiated: Bool)? {
        if let code = context.parameters.get("lang") {
            return languages.language(code: code).map { ($0, false) }
        }
        return (languages.negotiate(request.headers[.acceptLanguage]), true)
    }

    func page(_ request: Request, _ context: SiteRequestContext, render: (Language) throws -> Page) throws -> Response {
        guard let (language, negotiated) = language(request, context) else { return try notFound(request) }
        let page: Page
        do {
            page = try render(language)
        } catch let error as RegistryError {
            page = pages.notFound(error.description, language)
        }
        if let location = page.location {
            return Response(status: .seeOther, headers: [.location: location])
        }
        var response = send(page, request)
        if negotiated { response.headers[.vary] = [response.headers[.vary], "Accept-Language"].compactMap { $0 }.joined(separator: ", ") }
        return response
    }

    func api(_ request: Request, render: () throws -> Page) throws -> Response {
        do {
            return send(try render(), request)
        } catch let error as RegistryError {
            let body = JSONValue.object([("error", .object([("code", .string("badRequest")), ("message", .string(error.description))]))]).serialized() + "\n"
            return send(Page(status: 400, contentType: "application/json", body: body), request)
        }
    }

    func portAPI(_ text: String) throws -> Page {
        switch try PortQuery(parsing: text) {
        case .port(let port): return try pages.portJSON(port)
        case .span(let span): return try pages.answer(.span(span), path: "/ports/\(span)", nil)
        case .service: throw RegistryError.malformedPort(text)
        }
    }

    /// A vote from the form: stored and committed before the reader is sent back to the page (303), so a
    /// vote the page thanks for is never lost.
    func vote(_ request: Request, _ context: SiteRequestContext) async throws -> Response {
        guard let (language, _) = language(request, context) else { return try notFound(request) }
        let text = context.parameters.get("query") ?? ""
        guard case .port(let port) = try? PortQuery(parsing: text) else {
            return send(pages.notFound(language("notFound.help"), language), request)
        }
        var request = request
        let body = try await request.collectBody(upTo: 4096)
        let form = (try? URLEncodedFormDecoder().decode(VoteForm.self, from: String(buffer: body))) ?? VoteForm()
        guard let helpful = form.helpful.flatMap({ ["yes": true, "no": false][$0] }) else {
            return Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "helpful must be yes or no\n")))
        }
        let client = pages.voters.key(peer: context.remoteAddress?.ipAddress, headers: request.headers)
        let outcome = try await pages.vote(Vote(page: "/ports/\(port)", language: language.code, helpful: helpful, comment: form.comment, client: client))
        metrics.record(vote: outcome)
        return Response(status: .seeOther, headers: [.location: "/\(language.code)/ports/\(port)?voted=\(outcome.rawValue)#vote"])
    }

    struct VoteForm: Decodable {
        var helpful: String?
        var comment: String?
    }

    func health() throws -> Response {
        let version = try pages.refresh()
        let body = JSONValue.object([("status", .string("ok")), ("registry", .string(version?.updated))]).serialized() + "\n"
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func metricsText() throws -> Response {
        let version = try pages.refresh()
        let stored = (try? pages.voteCount()) ?? 0
        let body = metrics.text(registry: version, cachedPages: pages.cachedPageCount, storedVotes: stored)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func notFound(_ request: Request) throws -> Response {
        let language = languages.negotiate(request.headers[.acceptLanguage])
        return send(pages.notFound(language("notFound.help"), language), request)
    }

    /// The page as a response: gzip-compressed when the client asks, `ETag` (one per encoding) and
    /// `Cache-Control`, and 304 when the client holds the same bytes.
    func send(_ page: Page, _ request: Request) -> Response {
        let sent = pages.compressed.representation(of: page, acceptEncoding: request.headers[.acceptEncoding])
        var headers: HTTPFields = [.contentType: page.contentType, .eTag: sent.etag]
        headers[.cacheControl] = page.status == 200 ? "public, max-age=300" : "no-store"
        if let encoding = sent.contentEncoding { headers[.contentEncoding] = encoding }
        if sent.varies { headers[.vary] = "Accept-Encoding" }
        if page.status == 200, let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == sent.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        let status = HTTPResponse.Status(code: page.status)
        return Response(status: status, headers: headers, body: .init(byteBuffer: sent.body))
    }
}

