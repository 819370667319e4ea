/// A product the curated facts are about, as the product catalogue describes it: its name, the slug of its
/// page, what people type to find it, and its field.
public struct Product: Sendable, Hashable {
    /// The name facts use in their `product` key, exactly.
    public var name: String
    /// The product's address on the site, `jupyter-server` in `/en/products/jupyter-server`.
    public var slug: String
    /// Other names people use for it: "k8s", "ES", "JupyterLab".
    public var aliases: [String]
    public var field: Field
    /// The product's own site, when the catalogue gives one.
    public var homepage: String?
    /// Whether the catalogue marks it as one of the products most people mean when they name its ports
    /// (Jupyter on 8888, PostgreSQL on 5432): an editorial mark that orders uses, not a fact about the product.
    public var isWidelyUsed: Bool
    /// Where the catalogue entry was read from.
    public var origin: Origin

    public init(
        name: String,
        slug: String,
        aliases: [String] = [],
        field: Field,
        homepage: String? = nil,
        isWidelyUsed: Bool = false,
        origin: Origin
    ) {
        self.name = name
        self.slug = slug
        self.aliases = aliases
        self.field = field
        self.homepage = homepage
        self.isWidelyUsed = isWidelyUsed
        self.origin = origin
    }

    /// The field of use a product belongs to, for grouping and ordering.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case development
        case mobile
        case webServers = "web-servers"
        case databases
        case messaging
        case aiAndData = "ai-and-data"
        case bigData = "big-data"
        case observability
        case containersAndCloud = "containers-and-cloud"
        case infrastructure
        case homeAndMedia = "home-and-media"
        case games
        case vpnAndRemoteAccess = "vpn-and-remote-access"
        case p2pAndAnonymity = "p2p-and-anonymity"
        case cryptocurrency
        case securityTools = "security-tools"
        case mail
        case industrialAndIoT = "industrial-and-iot"
        case operatingSystems = "operating-systems"
        case enterprise
        case browsers
        case malware

        /// The field's name for people, in English.
        public var title: String {
            switch self {
            case .development: "Development servers and tools"
            case .mobile: "Mobile development"
            case .webServers: "Web servers and proxies"
            case .databases: "Databases, caches and search engines"
            case .messaging: "Message brokers and streaming"
            case .aiAndData: "AI and data science"
            case .bigData: "Big data and analytics"
            case .observability: "Observability"
            case .containersAndCloud: "Containers and cloud native"
            case .infrastructure: "Infrastructure, CI/CD and identity"
            case .homeAndMedia: "Home lab and media"
            case .games: "Games"
            case .vpnAndRemoteAccess: "VPNs and remote access"
            case .p2pAndAnonymity: "Peer-to-peer and anonymity networks"
            case .cryptocurrency: "Cryptocurrency nodes"
            case .securityTools: "Security tools"
            case .mail: "Mail"
            case .industrialAndIoT: "Industrial and IoT"
            case .operatingSystems: "Operating systems"
            case .enterprise: "Enterprise software"
            case .browsers: "Web browsers"
            case .malware: "Malware (historical)"
            }
        }
    }

    /// Whether `text` names the product: its name, slug or an alias, compared case-insensitively.
    public func isNamed(_ text: String) -> Bool {
        let wanted = text.lowercased()
        return name.lowercased() == wanted || slug == wanted || aliases.contains { $0.lowercased() == wanted }
    }
}
