import Hummingbird
import Logging
import PortKnowledge
import PortStore
import PortWeb

/// The server, as `portatlas serve` runs it and the tests drive it.
/// - Parameter votes: where votes go (PostgreSQL, shared by replicas); `nil` for the store's own file.
/// - Throws: `StoreError`, `KnowledgeError` or `WebError` when the store, the knowledge or the site's own
///   files cannot be read: the server fails at start-up, loudly, never in a request.
public func buildApplication(
    _ configuration: ServerConfiguration,
    logger: Logger = Logger(label: "portatlas"),
    votes: (any VoteStore)? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let store = try RegistryStore(path: configuration.storePath)
    let knowledge = try KnowledgeBase.load(.init(extra: configuration.knowledge))
    let resources = try SiteResources.load(folder: configuration.resourceFolder ?? SiteResources.defaultFolder())
    let site = Site(languages: resources.languages, baseURL: configuration.baseURL, products: knowledge.products)
    let voters =
        if let path = configuration.voteKeyPath {
            try VoterKeys.load(path: path, trustedProxies: configuration.trustedProxies)
        } else {
            try VoterKeys.load(besideStore: configuration.storePath, trustedProxies: configuration.trustedProxies)
        }
    let pages = try SitePages(
        site: site,
        store: store,
        knowledge: knowledge,
        readConnections: configuration.readConnections,
        voters: voters,
        votes: votes
    )
    let router = buildRouter(pages: pages, resources: resources, metrics: SiteMetrics())
    let idle = configuration.idleTimeout.components
    var app = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "portatlas"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
    app.beforeServerStarts {
        let version = try pages.refresh()
        // Every port page shows the atlas: made before the first request, not by the first 256 at once.
        _ = try pages.atlas()
        logger.info(
            "serving",
            metadata: [
                "registry": "\(version?.updated ?? "none")", "knowledge": "\(knowledge.facts.count) facts", "votes": "\(pages.votes.description)",
            ]
        )
    }
    app.addServices(VoteWatcher(pages: pages, logger: logger))
    return app
}

/// The routes and middleware, for `buildApplication` and for router tests.
public func buildRouter(pages: SitePages, resources: SiteResources, metrics: SiteMetrics) -> Router<SiteRequestContext> {
    let router = Router(context: SiteRequestContext.self)
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RegistryRefreshMiddleware(pages: pages))
    let controller = SiteController(pages: pages, resources: resources, metrics: metrics)
    let routes = MethodRouter(router)
    router.add(middleware: NotFoundMiddleware(controller: controller, routes: routes))
    // The product routes first: the site controller's last step answers every other method of every path.
    ProductController(pages: pages, site: controller).addRoutes(to: routes)
    controller.addRoutes(to: routes)
    return router
}

/// Drops the rendered pages when another registry version becomes current (an `update` while serving).
/// Checks at most once a second, so a busy server does not ask the store on every request.
struct RegistryRefreshMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let pages: SitePages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try pages.refreshIfDue()
        return try await next(request, context)
    }
}

/// A path no route matches gets the site's own 404 page, in the reader's language, not a bare status; a
/// method the router has no name for (QUERY, PROPFIND) on a path a route matches gets 405 with `Allow`.
/// A HEAD gets the headers alone.
struct NotFoundMiddleware: RouterMiddleware {
    typealias Context = SiteRequestContext
    let controller: SiteController
    let routes: MethodRouter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let response: Response
            if !MethodRouter.standardMethods.contains(request.method), let allowed = routes.allowedMethods(for: request.uri.path) {
                response = try controller.methodNotAllowed(request, allowed: allowed)
            } else {
                response = try controller.notFound(request)
            }
            return request.method == .head ? Response(status: response.status, headers: response.headers) : response
        }
    }
}
