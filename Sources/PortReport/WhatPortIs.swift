import PortAdvice
import PortKnowledge
import PortListeners
import PortRegistry

/// The whole answer to "what is port N?": the registry's word, the range, what actually uses the port, its
/// neighbours and clusters, a security note, what listens here now, and the sources behind every fact.
///
/// It is computed once by `compose`; the terminal text, `--json` and the web pages all render this one value
/// and decide no facts of their own.
public struct WhatPortIs: Sendable {
    /// The port asked about.
    public var port: UInt16
    /// §1 The registry's word: every entry covering the port, with the people they name.
    public var registry: LookupAnswer
    /// §2 The RFC 6335 range the port lies in.
    public var range: PortRange
    /// §2 Common operating-system ephemeral ranges, and whether each holds the port.
    public var ephemeralRanges: [EphemeralRange]
    /// §2 How often nmap's scans find the port open, when nmap's data is installed here.
    public var popularity: PortPopularity?
    /// §3 Curated uses of the port, each cited, with any collision with the registry.
    public var uses: [CitedUse]
    /// §3 Whether browsers refuse to fetch from the port, and on whose authority.
    public var browserBlock: CitedFact?
    /// §4 The ports around it.
    public var neighbours: [Neighbour]
    /// §4 Runs of related registry entries near the port.
    public var registryClusters: [RegistryCluster]
    /// §4 Curated vendor clusters the port belongs to.
    public var vendorClusters: [VendorCluster]
    /// §5 What the registry and historical lists say about misuse, and what to do about unexpected traffic.
    public var security: SecurityNote
    /// §6 What is listening on the port on this machine now; `nil` when the check was not run.
    public var listeners: ListenerReport?
    /// §6 How to check by hand.
    public var manualChecks: [ManualCheck]
    /// §7 The documents cited, numbered as the sections cite them.
    public var sources: [Footnote]
    /// Whether to pick the port for a new program, judged from what holds everywhere (not this machine):
    /// the same verdict `portatlas check` gives, less the machine's reasons.
    public var verdict: PortVerdict?

    /// How many ports either side of the port the neighbour list shows.
    public static let neighbourRadius: UInt16 = 5
    /// How far either side registry clusters are looked for, so that runs near the port are not cut short.
    static let clusterRadius: UInt16 = 32
    /// How many uses the text shows in full; the rest are listed by field, one line each.
    public static let usesShownInFull = 6
    /// Facts over more ports than this are windows (an ephemeral range, NodePorts): they collide with no
    /// assignment and are left out of the neighbours' uses.
    public static let wideRange = 100
    /// How many of a use's other ports the text lists before it counts the rest.
    public static let otherPortsShown = 4
}

/// An operating system's ephemeral port range and whether it holds the port.
public struct EphemeralRange: Sendable, Hashable {
    public var range: LocalPortRange
    public var containsPort: Bool
}

/// A curated fact with the footnote that cites it.
public struct CitedFact: Sendable, Hashable {
    public var fact: KnowledgeFact
    /// The number of its entry in `WhatPortIs.sources`.
    public var footnote: Int
}

/// A curated use of the port, and the registry entries it collides with.
public struct CitedUse: Sendable, Hashable {
    public var cited: CitedFact
    /// Service names the registry assigns at the port for the use's protocols, other than the one the use speaks.
    public var collidesWith: [String]
    /// The product as the catalogue describes it; `nil` for a product only a user's own file names.
    public var product: Product?
    /// The product's other documented ports, each cited: a database's HTTP and cluster ports beside its client port.
    public var otherPorts: [CitedFact]
    public var fact: KnowledgeFact { cited.fact }

    public init(cited: CitedFact, collidesWith: [String], product: Product? = nil, otherPorts: [CitedFact] = []) {
        self.cited = cited
        self.collidesWith = collidesWith
        self.product = product
        self.otherPorts = otherPorts
    }
}

/// One port near the one asked about: what the registry and the curated facts say of it.
public struct Neighbour: Sendable, Hashable {
    public var port: UInt16
    /// The registry's service names at the port, each once (entries for ranges included).
    public var services: [String]
    /// The registry's description of the first of them.
    public var description: String?
    /// `assigned`, `reserved` or `unassigned`; `nil` when the registry says nothing of the port.
    public var status: RegistryEntry.Status?
    /// Products the curated facts put on the port.
    public var uses: [String]
    /// Whether this is the port asked about.
    public var isPort: Bool
}

/// A curated vendor cluster: a product's ports around the one asked about.
public struct VendorCluster: Sendable, Hashable {
    public var name: String
    public var ports: PortSpan
    /// Each member: its ports and purpose.
    public var members: [KnowledgeFact]
    public var footnotes: [Int]
}

/// What is known of misuse of the port.
public struct SecurityNote: Sendable, Hashable {
    /// IANA's "Known Unauthorized Use" text for one service, over the protocols that carry it.
    public struct UnauthorizedUse: Sendable, Hashable {
        public var service: String
        /// The protocols, as people read them: "tcp, udp".
        public var transport: String
        public var text: String
    }

    /// IANA's "Known Unauthorized Use" text, per service.
    public var unauthorizedUse: [UnauthorizedUse]
    /// Historical trojan and malware lists that name the port, cited.
    public var historical: [CitedFact]
    /// Plain advice for unexpected traffic, chosen by what is known of the port.
    public var advice: String
}

/// A command that shows what listens on the port, for one operating system.
public struct ManualCheck: Sendable, Hashable {
    public var system: String
    public var commands: [String]
}

/// A numbered source.
public struct Footnote: Sendable, Hashable {
    public var number: Int
    public var citation: Citation
}
