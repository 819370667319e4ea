import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PortAdvice
import PortRegistry
import PortReport
import PortStore
import PortWeb

/// The site's routes: pages in every language, votes, downloads, the JSON API, health and metrics.
/// Handlers parse the request, ask `SitePages`, and send what it rendered.
///
/// Request input is checked here, before it reaches the store or the renderers: path segments and query
/// items are decoded as browsers encode them (bytes that are not UTF-8 are refused), numbers are parsed
/// whole and range-checked, text is cut to a bound. A bad request gets a page (JSON under `/api/`) that
/// says what is wrong, with 400, 404, 405 or 413.
struct SiteController {
    let pages: SitePages
    let resources: SiteResources
    let metrics: SiteMetrics
    let sitemaps: Sitemaps

    init(pages: SitePages, resources: SiteResources, metrics: SiteMetrics) {
        self.pages = pages
        self.resources = resources
        self.metrics = metrics
        self.sitemaps = Sitemaps(site: pages.site)
    }

    var languages: Languages { pages.site.languages }

    /// The longest search text read; longer page searches are cut, longer API searches refused.
    static let searchLimit = 200
    /// The longest registry filter text read.
    static let filterLimit = 100
    /// The longest path segment read, in bytes (%-escapes included).
    static let segmentLimit = 256
    /// How long browsers may keep the icon.
    static let faviconCaching = "public, max-age=604800"
    /// The largest vote body read: a 500-character comment of 4-byte characters, %-escaped, fits.
    static let voteBodyLimit = 16384

    func addRoutes(to routes: MethodRouter) {
        routes.get("/healthz") { _, _ in try health() }
        routes.get("/metrics") { _, _ in try await metricsText() }
        routes.get("/assets/site.css") { request, _ in send(Page(contentType: "text/css; charset=utf-8", body: resources.stylesheet), request) }
        routes.get("/favicon.ico") { request, _ in
            var response = send(Page(contentType: "image/x-icon", bytes: resources.favicon), request)
            // The icon changes with a release, not with the registry: browsers may keep it a week.
            if response.status == .ok || response.status == .notModified { response.headers[.cacheControl] = Self.faviconCaching }
            return response
        }
        routes.get("/openapi.json") { request, _ in send(Page(contentType: "application/json", body: resources.openAPI), request) }
        routes.get("/robots.txt") { request, _ in send(Page(contentType: "text/plain; charset=utf-8", body: pages.site.robots), request) }
        routes.get("/sitemap.xml") { request, _ in send(Page(contentType: "application/xml", body: pages.site.sitemapIndex), request) }
        routes.get("/sitemaps/{file}") { request, context in
            // `N.xml`, N a few digits: anything else (`-1.xml`, a number past the last part) is not a sitemap.
            let file = context.parameters.get("file") ?? ""
            guard file.hasSuffix(".xml"), file.utf8.count <= 10, let part = Int(file.dropLast(4)), file.first != "+",
                let map = sitemaps.part(part)
            else {
                return try notFound(request)
            }
            return send(Page(contentType: "application/xml", body: map), request)
        }
        for format in RegistryExportFormat.allCases {
            routes.get("/registry.\(format.rawValue)") { request, _ in
                guard let page = try pages.registryFile(format) else { return try notFound(request) }
                var response = send(page, request)
                if format == .csv || format == .xml {
                    response.headers[.contentDisposition] = "attachment; filename=\"service-names-port-numbers.\(format.rawValue)\""
                }
                return response
            }
        }

        // The JSON API: the CLI's --json shapes.
        routes.get("/api/v1/ports/{query}") { request, context in
            try api(request) { () throws in try portAPI(try parameter("query", context)) }
        }
        routes.get("/api/v1/services/{name}") { request, context in
            try api(request) { () throws in
                let name = try parameter("name", context)
                return try pages.answer(try serviceQuery(name), path: "/services/\(name)", nil)
            }
        }
        routes.get("/api/v1/search") { request, _ in
            try api(request) { () throws in
                guard let text = try FormQuery(request.uri.query).first("q") else { throw RequestError.missingParameter("q") }
                guard text.unicodeScalars.count <= Self.searchLimit else { throw RequestError.parameterTooLong(name: "q", limit: Self.searchLimit) }
                return try pages.search(Self.searchable(text), nil)
            }
        }
        routes.get("/api/v1/registry") { request, _ in try api(request) { () throws in try pages.registryJSON() } }
        // The registry workbench (issue 12): the name check and free-port suggestions.
        routes.get("/api/v1/check-name") { request, _ in
            try api(request) { () throws in
                guard let name = try FormQuery(request.uri.query).first("name") else { throw RequestError.missingParameter("name") }
                return try pages.checkName(try Self.serviceName(name), nil)
            }
        }
        routes.get("/api/v1/suggest") { request, _ in try api(request) { () throws in try suggest(request) } }

        // History and changes between versions (issue 12).
        routes.get("/api/v1/registry/versions") { request, _ in try api(request) { () throws in try pages.versionsJSON() } }
        routes.get("/api/v1/registry/changes") { request, _ in try api(request) { () throws in try pages.changes(nil, nil) } }
        routes.get("/api/v1/registry/changes/{range}") { request, context in
            try api(request) { () throws in try pages.changes(try parameter("range", context), nil) }
        }
        routes.get("/api/v1/ports/{query}/history") { request, context in
            try api(request) { () throws in try pages.portHistory(try Self.historySpan(try parameter("query", context)), nil) }
        }

        // Pages, under a language prefix or, without one, in the language the browser prefers.
        for prefix in ["", "/{lang}"] {
            routes.get(prefix.isEmpty ? "/" : "/{lang}/") { request, context in
                try await page(request, context) { language throws in try pages.home(language) }
            }
            routes.get("\(prefix)/atlas") { request, context in
                try await page(request, context) { language throws in try pages.atlasPage(language) }
            }
            routes.get("\(prefix)/ports/{query}") { request, context in
                try await page(request, context) { language throws in
                    let query = try parameter("query", context)
                    switch try PortQuery(parsing: query) {
                    case .port(let port):
                        let voted = try FormQuery(request.uri.query).first("voted").flatMap { ["recorded", "limited"].contains($0) ? $0 : nil }
                        return try await pages.port(port, language, voted: voted)
                    case .span(let span): return try pages.answer(.span(span), path: "/ports/\(span)", language)
                    case .service: throw RegistryError.malformedPort(query)
                    }
                }
            }
            routes.post("\(prefix)/ports/{query}/vote") { request, context in try await vote(request, context) }
            routes.get("\(prefix)/services/{name}") { request, context in
                try await page(request, context) { language throws in
                    let name = try parameter("name", context)
                    return try pages.answer(try serviceQuery(name), path: "/services/\(name)", language)
                }
            }
            routes.get("\(prefix)/ranges/{range}") { request, context in
                try await page(request, context) { language throws in
                    guard let range = PortRange(rawValue: context.parameters.get("range") ?? "") else {
                        return pages.notFound(language("notFound.help"), language)
                    }
                    return try pages.range(range, language)
                }
            }
            routes.get("\(prefix)/search") { request, context in
                try await page(request, context) { language throws in
                    let text = Self.searchable(String((try FormQuery(request.uri.query).first("q") ?? "").unicodeScalars.prefix(Self.searchLimit)))
                    // A port or a range goes straight to its page.
                    switch try? PortQuery(parsing: text) {
                    case .port(let port): return Page.redirect(to: "/\(language.code)/ports/\(port)")
                    case .span(let span): return Page.redirect(to: "/\(language.code)/ports/\(span)")
                    default: break
                    }
                    return try pages.search(text, language)
                }
            }
            routes.get("\(prefix)/registry") { request, context in
                try await page(request, context) { language throws in
                    let query = try FormQuery(request.uri.query)
                    let view = Site.RegistryView(
                        page: try Self.pageNumber(query),
                        transport: try Self.transport(query),
                        text: Self.searchable(String((query.first("q") ?? "").unicodeScalars.prefix(Self.filterLimit)))
                    )
                    return try pages.registry(view, language)
                }
            }
            routes.get("\(prefix)/check-name") { request, context in
                try await page(request, context) { language throws in
                    try pages.checkName(try FormQuery(request.uri.query).first("name").map(Self.serviceName), language)
                }
            }
            routes.get("\(prefix)/registry/changes") { request, context in
                try await page(request, context) { language throws in try pages.changes(nil, language) }
            }
            routes.get("\(prefix)/registry/changes/{range}") { request, context in
                try await page(request, context) { language throws in try pages.changes(try parameter("range", context), language) }
            }
            routes.get("\(prefix)/ports/{query}/history") { request, context in
                try await page(request, context) { language throws in
                    try pages.portHistory(try Self.historySpan(try parameter("query", context)), language)
                }
            }
            routes.get("\(prefix)/registry/people") { request, context in
                try await page(request, context) { language throws in
                    try pages.people(page: try Self.pageNumber(try FormQuery(request.uri.query)), language)
                }
            }
        }
        routes.refuseOtherMethods { request, _, allowed in try methodNotAllowed(request, allowed: allowed) }
    }

    // MARK: Reading the request

    /// A path parameter with its %-escapes decoded (`914c%2Fg` is the service `914c/g`).
    func parameter(_ name: String, _ context: SiteRequestContext) throws(RequestError) -> String {
        let raw = context.parameters.get(name) ?? ""
        // Ports, ranges and service names are short (a name is at most 63 characters): a longer segment is not one.
        guard raw.utf8.count <= Self.segmentLimit else { throw .parameterTooLong(name: name, limit: Self.segmentLimit) }
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return try FormQuery.decode(raw.utf8[...], plusIsSpace: false)
    }

    /// The port or range of a `/ports/{query}/history` route.
    static func historySpan(_ text: String) throws -> PortSpan {
        switch try PortQuery(parsing: text) {
        case .port(let port): PortSpan(port: port)
        case .span(let span): span
        case .service: throw RegistryError.malformedPort(text)
        }
    }

    /// A service name for a `/services/` route: a port or a range is not one.
    func serviceQuery(_ text: String) throws -> PortQuery {
        let query = try PortQuery(parsing: text)
        guard case .service = query else { throw RequestError.notAServiceName(text) }
        return query
    }

    /// `page=N`, N a whole number from 1; 1 when absent.
    static func pageNumber(_ query: FormQuery) throws(RequestError) -> Int {
        guard let text = query.first("page") else { return 1 }
        guard let page = Int(text), page >= 1 else {
            throw .invalidParameter(name: "page", value: text, expected: "a whole number from 1")
        }
        return page
    }

    /// `protocol=tcp|udp|sctp|dccp`; empty or absent is any protocol.
    static func transport(_ query: FormQuery) throws(RequestError) -> TransportProtocol? {
        guard let text = query.first("protocol"), !text.isEmpty else { return nil }
        guard let transport = TransportProtocol(rawValue: text) else {
            throw .invalidParameter(name: "protocol", value: text, expected: "tcp, udp, sctp or dccp")
        }
        return transport
    }

    /// The longest name `check-name` reads: past RFC 6335's 15 characters, so a long name is answered as too long.
    static let nameLimit = 64

    /// A name to check: any text up to `nameLimit` characters.
    static func serviceName(_ text: String) throws(RequestError) -> String {
        guard text.unicodeScalars.count <= nameLimit else { throw .parameterTooLong(name: "name", limit: nameLimit) }
        return text
    }

    /// `/api/v1/suggest?count=&seed=&protocol=`: count 1–100 (default 5), a seed of at most 100 characters
    /// (default: a fixed one, so the page caches), tcp or udp.
    func suggest(_ request: Request) throws -> Page {
        let query = try FormQuery(request.uri.query)
        var count = 5
        if let text = query.first("count") {
            guard let number = Int(text), (1...PortSuggestion.maximumCount).contains(number) else {
                throw RequestError.invalidParameter(name: "count", value: text, expected: "a whole number from 1 to \(PortSuggestion.maximumCount)")
            }
            count = number
        }
        let seed = query.first("seed") ?? "portatlas"
        guard seed.unicodeScalars.count <= Self.filterLimit else { throw RequestError.parameterTooLong(name: "seed", limit: Self.filterLimit) }
        let transport = try Self.transport(query) ?? .tcp
        do {
            return try pages.suggestJSON(count: count, seed: seed, transport: transport)
        } catch SuggestionError.noRegistry {
            return Self.apiError(.notFound, "notFound", SuggestionError.noRegistry.description)
        }
    }

    /// Search text with control characters (NUL among them) read as spaces.
    static func searchable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    // MARK: Handlers

    /// The language from the path, else from `Accept-Language`; `nil` for a prefix the site does not speak.
    func language(_ request: Request, _ context: SiteRequestContext) -> (Language, negotiated: Bool)? {
        if let code = context.parameters.get("lang") {
            return languages.language(code: code).map { ($0, false) }
        }
        return (languages.negotiate(request.headers[.acceptLanguage]), true)
    }

    func page(_ request: Request, _ context: SiteRequestContext, render: (Language) async throws -> Page) async throws -> Response {
        guard let (language, negotiated) = language(request, context) else { return try notFound(request) }
        let page: Page
        do {
            page = try await render(language)
        } catch let error as RegistryError {
            page = pages.notFound(pages.site.explanation(of: error, language: language), language)
        } catch let error as RequestError {
            page = problem(error.status, error.explanation(in: language), language)
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
            // Malformed text is a bad request; a port or range that cannot exist (70000, 61656-893) is not found.
            let status: HTTPResponse.Status =
                switch error {
                case .portOutOfRange, .invertedSpan: .notFound
                default: .badRequest
                }
            return send(Self.apiError(status, status == .notFound ? "notFound" : "badRequest", error.description), request)
        } catch let error as RequestError {
            return send(Self.apiError(error.status, error.code, error.description), request)
        }
    }

    /// `{"error": {"code", "message"}}`.
    static func apiError(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Page {
        let body = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]).serialized() + "\n"
        return Page(status: status.code, contentType: "application/json", body: body)
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
        try await page(request, context) { language async throws in
            let text = try parameter("query", context)
            guard case .port(let port) = try? PortQuery(parsing: text) else {
                return pages.notFound(language("notFound.help"), language)
            }
            let form = try await Self.voteForm(request)
            let client = pages.voters.key(peer: context.remoteAddress?.ipAddress, headers: request.headers)
            let outcome: VoteOutcome
            do {
                outcome = try await pages.vote(
                    Vote(page: "/ports/\(port)", language: language.code, helpful: form.helpful, comment: form.comment, client: client)
                )
            } catch VoteStoreError.unavailable(_, _) {
                // Not recorded, so not thanked for: the reader is told, and may send the same form again later.
                return problem(.serviceUnavailable, language("vote.notRecorded"), language)
            }
            metrics.record(vote: outcome)
            return Page.redirect(to: "/\(language.code)/ports/\(port)?voted=\(outcome.rawValue)#vote")
        }
    }

    /// The vote form's fields, checked: `helpful=yes|no`, an optional comment of at most 500 characters.
    static func voteForm(_ request: Request) async throws -> (helpful: Bool, comment: String?) {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: voteBodyLimit)
        } catch is NIOTooManyBytesError {
            throw RequestError.bodyTooLarge(limit: voteBodyLimit)
        }
        let form = try FormQuery(String(buffer: body))
        let answer = form.first("helpful") ?? ""
        guard let helpful = ["yes": true, "no": false][answer] else {
            throw RequestError.invalidField(name: "answer to 'helpful'", value: answer, expected: "yes or no")
        }
        let comment = form.first("comment")
        if let comment, comment.unicodeScalars.count > Vote.maximumComment {
            throw RequestError.fieldTooLong(name: "comment", limit: Vote.maximumComment)
        }
        return (helpful, comment)
    }

    /// `{"status": "ok", "registry": date, "votes": "available" | "unavailable"}`: the pages are served either
    /// way; without the votes, the vote form says voting is paused.
    func health() throws -> Response {
        let version = try pages.refresh()
        let body =
            JSONValue.object([
                ("status", .string("ok")), ("registry", .string(version?.updated)),
                ("votes", .string(pages.votesAvailable ? "available" : "unavailable")),
            ]).serialized() + "\n"
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }

    func metricsText() async throws -> Response {
        let version = try pages.refresh()
        let stored = pages.votesAvailable ? ((try? await pages.voteCount()) ?? 0) : 0
        let body = metrics.exposition(registry: version, cachedPages: pages.cachedPageCount, storedVotes: stored)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    func notFound(_ request: Request) throws -> Response {
        let language = languages.negotiate(request.headers[.acceptLanguage])
        return send(pages.notFound(language("notFound.help"), language), request)
    }

    /// 405 with `Allow`: a JSON error under `/api/`, else a page in the reader's language.
    func methodNotAllowed(_ request: Request, allowed: String) throws -> Response {
        let method = request.method.rawValue.count > 20 ? request.method.rawValue.prefix(20) + "…" : request.method.rawValue
        let message = "\(method) is not a method this address takes: it takes \(allowed)"
        let language = languages.negotiate(request.headers[.acceptLanguage])
        let page =
            request.uri.path.hasPrefix("/api/") || request.uri.path == "/healthz"
            ? Self.apiError(.methodNotAllowed, "methodNotAllowed", message)
            : problem(.methodNotAllowed, language("request.methodNotAllowed", ["method": String(method), "allowed": allowed]), language)
        var response = send(page, request)
        response.headers[.allow] = allowed
        return response
    }

    /// A page for a request the site will not answer as asked: 400, 404, 405 or 413.
    func problem(_ status: HTTPResponse.Status, _ message: String, _ language: Language) -> Page {
        if status == .notFound { return pages.notFound(message, language) }
        let registry = (try? pages.refresh()).flatMap { $0 }.map(AnswerSource.registry)
        let body = pages.site.problemPage(
            title: language("problem.\(status.code).title"),
            message: message,
            help: language("problem.help"),
            language: language,
            registry: registry
        )
        return Page(status: status.code, body: body)
    }

    /// The page as a response: gzip-compressed when the client asks, `ETag` (one per encoding) and
    /// `Cache-Control`, and 304 when the client holds the same bytes.
    func send(_ page: Page, _ request: Request) -> Response {
        let sent = pages.compressed.representation(of: page, acceptEncoding: request.headers[.acceptEncoding])
        var headers: HTTPFields = [.contentType: page.contentType, .eTag: sent.etag]
        headers[.cacheControl] = page.status == 200 ? "public, max-age=300" : "no-store"
        if let encoding = sent.contentEncoding { headers[.contentEncoding] = encoding }
        if sent.varies { headers[.vary] = "Accept-Encoding" }
        if page.status == 200, let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == sent.etag })
        {
            return Response(status: .notModified, headers: headers)
        }
        let status = HTTPResponse.Status(code: page.status)
        return Response(status: status, headers: headers, body: .init(byteBuffer: sent.body))
    }
}
