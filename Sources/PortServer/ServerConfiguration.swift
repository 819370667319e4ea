/// How `portatlas serve` runs.
public struct ServerConfiguration: Sendable {
    /// The address to listen on; loopback unless asked otherwise.
    public var host: String
    /// The port: 6335 by default, the number of the RFC that governs the registry this site serves (and a
    /// port the registry leaves unassigned, outside every ephemeral range and the browsers' bad ports).
    public var port: Int
    /// The store's SQLite file.
    public var storePath: String
    /// The site's public address for canonical links and the sitemap; empty for host-relative links.
    public var baseURL: String
    /// Extra knowledge files or folders (`--knowledge`).
    public var knowledge: [String]
    /// Where the site's strings and assets are; `nil` for the bundle beside the executable.
    public var resourceFolder: String?
    /// The reverse proxies whose `Forwarded` / `X-Forwarded-For` say who the client is (`--trusted-proxy`).
    public var trustedProxies: [AddressBlock]
    /// How many read-only connections to the store requests take turns on.
    public var readConnections: Int
    /// How long a connection may send nothing before the server closes it, so idle or half-sent requests
    /// cannot hold connections (and file descriptors) for ever.
    public var idleTimeout: Duration
    /// The vote limits' secret (`--vote-key`); `nil` for `vote-key` beside the store. Replicas sharing votes
    /// must share it, or a client counts as a different one on each.
    public var voteKeyPath: String?

    public static let defaultPort = 6335

    public init(
        host: String = "127.0.0.1",
        port: Int = ServerConfiguration.defaultPort,
        storePath: String,
        baseURL: String = "",
        knowledge: [String] = [],
        resourceFolder: String? = nil,
        trustedProxies: [AddressBlock] = [],
        readConnections: Int = ReaderPool.defaultSize,
        idleTimeout: Duration = .seconds(30),
        voteKeyPath: String? = nil
    ) {
        self.voteKeyPath = voteKeyPath
        self.trustedProxies = trustedProxies
        self.readConnections = readConnections
        self.resourceFolder = resourceFolder
        self.idleTimeout = idleTimeout
        self.host = host
        self.port = port
        self.storePath = storePath
        self.baseURL = baseURL
        self.knowledge = knowledge
    }
}
