import PortRegistry

/// Every curated fact portatlas knows: the bundled knowledge files and the user's own.
public struct KnowledgeBase: Sendable {
    /// The facts, ordered by first port, then file order.
    public let facts: [KnowledgeFact]
    /// Where the facts were read from, for `--json` and error messages.
    public let files: [String]

    /// A knowledge base of `facts`, checked for duplicates.
    /// - Throws: `KnowledgeError.duplicate` naming the second entry and the first.
    public init(facts: [KnowledgeFact], files: [String] = []) throws(KnowledgeError) {
        var seen: [DuplicateKey: Origin] = [:]
        for fact in facts {
            let key = DuplicateKey(fact)
            if let first = seen[key] {
                throw .duplicate(file: fact.origin.file, line: fact.origin.line, first: first.description)
            }
            seen[key] = fact.origin
        }
        self.facts = facts.enumerated().sorted { ($0.element.ports.start, $0.offset) < ($1.element.ports.start, $1.offset) }.map(\.element)
        self.files = files
    }

    /// An empty knowledge base.
    public static let empty = try! KnowledgeBase(facts: [])

    /// The facts about `port`, for `transport` if one is given.
    public func facts(at port: UInt16, transport: TransportProtocol? = nil) -> [KnowledgeFact] {
        facts(overlapping: PortSpan(port: port), transport: transport)
    }

    /// The facts about any port in `span`.
    public func facts(overlapping span: PortSpan, transport: TransportProtocol? = nil) -> [KnowledgeFact] {
        // Facts are sorted by first port; ranges are few, so a scan that stops past the span is enough.
        var found: [KnowledgeFact] = []
        for fact in facts {
            if fact.ports.start > span.end { break }
            if fact.ports.overlaps(span), fact.concerns(transport) { found.append(fact) }
        }
        return found
    }

    /// Every fact in the named vendor cluster, by port.
    public func cluster(named name: String) -> [KnowledgeFact] {
        facts.filter { $0.cluster == name }
    }

    /// Two entries are the same fact when they agree on what, where and about whom.
    private struct DuplicateKey: Hashable {
        let kind: KnowledgeFact.Kind
        let ports: PortSpan
        let transports: [TransportProtocol]
        let product: String
        let purpose: String

        init(_ fact: KnowledgeFact) {
            kind = fact.kind
            ports = fact.ports
            transports = fact.transports
            product = fact.product.lowercased()
            purpose = fact.purpose.lowercased()
        }
    }
}
