import PortRegistry

/// One curated, cited fact about a port or a run of ports: who uses it, or what refuses it.
///
/// Facts come from human-edited knowledge files (see `KnowledgeFile`); every one names the document it
/// was taken from and the day that document was read.
public struct KnowledgeFact: Sendable, Hashable {
    /// What kind of statement the fact makes.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A product or project uses the port (by default, or by its documentation's convention).
        case use
        /// Web browsers refuse to fetch from the port (the Fetch Standard's "bad ports").
        case browserBlocked = "browser-blocked"
        /// A historical list of trojans or malware names the port.
        case malware
        /// An operating system picks ports in this range for outgoing connections by default (its dynamic or
        /// "ephemeral" range): a server that takes one may find it taken, or take it from a client.
        case ephemeral
        /// An operating system may reserve ports in this range for itself (Windows' excluded port ranges):
        /// the note says how to read the reservations.
        case excluded
        /// A developer tool moves on to these ports when its default one is busy (Vite's next ports, Jupyter's
        /// `port_retries`): a new program that defaults to one of them meets the tool on a developer's machine.
        case window
    }

    public var kind: Kind
    /// The ports the fact is about.
    public var ports: PortSpan
    /// The protocols it concerns; empty when the source names none.
    public var transports: [TransportProtocol]
    /// The product, project or list the fact is about ("Oracle Key Manager").
    public var product: String
    /// What the port is for there ("OKM CA service").
    public var purpose: String
    /// The vendor cluster the fact belongs to, when a product uses several neighbouring ports.
    public var cluster: String?
    /// The IANA service names this use is an instance of, when the product speaks the registered protocol
    /// (RabbitMQ on 5672 is `amqp`): such a use does not collide with the registry.
    public var services: [String]
    /// Traffic patterns that use the port, in the source's words ("Agent to KMA").
    public var patterns: [String]
    /// Anything else the source says that a reader needs.
    public var note: String?
    /// The document the fact comes from.
    public var source: Citation
    /// Which knowledge file, and where in it, the fact was read from.
    public var origin: Origin

    public init(
        kind: Kind,
        ports: PortSpan,
        transports: [TransportProtocol],
        product: String,
        purpose: String,
        cluster: String? = nil,
        services: [String] = [],
        patterns: [String] = [],
        note: String? = nil,
        source: Citation,
        origin: Origin
    ) {
        self.kind = kind
        self.ports = ports
        self.transports = transports
        self.product = product
        self.purpose = purpose
        self.cluster = cluster
        self.services = services
        self.patterns = patterns
        self.note = note
        self.source = source
        self.origin = origin
    }

    /// Whether the fact concerns `transport` (a fact that names no protocol concerns them all).
    public func concerns(_ transport: TransportProtocol?) -> Bool {
        guard let transport, !transports.isEmpty else { return true }
        return transports.contains(transport)
    }

    /// `3331/tcp`, `9200-9300/tcp`, `53/tcp+udp` or `6000`.
    public var portsLabel: String {
        transports.isEmpty ? ports.description : "\(ports)/\(transports.map(\.rawValue).joined(separator: "+"))"
    }
}

/// A document a fact is taken from: its title, where it is, and when it was read.
public struct Citation: Sendable, Hashable {
    /// The document's title, as its publisher gives it.
    public var title: String
    /// Where to read it.
    public var url: String
    /// The day the document was read for the fact, `YYYY-MM-DD`.
    public var retrieved: String

    public init(title: String, url: String, retrieved: String) {
        self.title = title
        self.url = url
        self.retrieved = retrieved
    }
}

/// Where a fact was read from, for error messages and for telling a user's own files from the bundled ones.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// The knowledge file's path, or its name for bundled files.
    public var file: String
    /// The line the fact starts on.
    public var line: Int
    /// Whether the file ships with portatlas (`false` for `--knowledge` files and the config folder's).
    public var isBundled: Bool

    public init(file: String, line: Int, isBundled: Bool) {
        self.file = file
        self.line = line
        self.isBundled = isBundled
    }

    public var description: String { "\(file):\(line)" }
}
