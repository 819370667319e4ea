import PortRegistry

/// Every curated fact portatlas knows: the bundled knowledge files and the user's own.
public struct KnowledgeBase: Sendable {
    /// The facts, ordered by first port, then file order.
    public let facts: [KnowledgeFact]
    /// Where the facts were read from, for `--json` and error messages.
    public let files: [String]
    /// The product catalogue, by name.
    public let products: [Product]
    /// The process knowledge (signatures and ways to free a port), in file order.
    public let processes: [ProcessFact]
    private let productIndex: [String: Int]
    private let slugIndex: [String: Int]
    /// The positions in `facts` of the facts that span more than one port (few): a port lookup checks them all.
    private let rangeFacts: [Int]
    /// The positions in `facts` of each product's facts, and of each vendor cluster's.
    private let factsByProduct: [String: [Int]]
    private let factsByCluster: [String: [Int]]

    /// A knowledge base of `facts`, the catalogue of `products` and the process knowledge, checked for duplicates.
    /// - Throws: `KnowledgeError.duplicate` naming the second entry and the first,
    ///   `.duplicateProduct` for a product name or slug catalogued twice, or `.invalidValue` for process
    ///   knowledge about a product the catalogue does not have.
    public init(
        facts: [KnowledgeFact],
        products: [Product] = [],
        processes: [ProcessFact] = [],
        files: [String] = []
    ) throws(KnowledgeError) {
        var seen: [DuplicateKey: Origin] = [:]
        for fact in facts {
            let key = DuplicateKey(fact)
            if let first = seen[key] {
                throw .duplicate(file: fact.origin.file, line: fact.origin.line, first: first.description)
            }
            seen[key] = fact.origin
        }
        let ordered = facts.enumerated().sorted { ($0.element.ports.start, $0.offset) < ($1.element.ports.start, $1.offset) }.map(\.element)
        self.facts = ordered
        rangeFacts = ordered.indices.filter { ordered[$0].ports.start != ordered[$0].ports.end }
        factsByProduct = Dictionary(grouping: ordered.indices, by: { ordered[$0].product })
        factsByCluster = Dictionary(grouping: ordered.indices.filter { ordered[$0].cluster != nil }, by: { ordered[$0].cluster ?? "" })
        self.files = files
        let sorted = products.sorted { $0.name.lowercased() < $1.name.lowercased() }
        var productIndex: [String: Int] = [:]
        var slugIndex: [String: Int] = [:]
        for (index, product) in sorted.enumerated() {
            // A name or a slug given twice: the error names the second entry and where the first stands.
            for (value, seen) in [(product.name, productIndex[product.name]), (product.slug, slugIndex[product.slug])] {
                guard let first = seen else { continue }
                throw .duplicateProduct(
                    file: product.origin.file,
                    line: product.origin.line,
                    value: value,
                    first: sorted[first].origin.description
                )
            }
            productIndex[product.name] = index
            slugIndex[product.slug] = index
        }
        self.products = sorted
        self.productIndex = productIndex
        self.slugIndex = slugIndex
        var seenProcesses: [ProcessFact: Origin] = [:]
        for process in processes {
            guard productIndex[process.product] != nil else {
                throw .invalidValue(
                    file: process.origin.file,
                    line: process.origin.line,
                    key: "product",
                    value: process.product,
                    reason: "no product in the catalogue (products/*.txt) has this name"
                )
            }
            var key = process
            key.origin = Origin(file: "", line: 0, isBundled: false)
            if let first = seenProcesses[key] {
                throw .duplicate(file: process.origin.file, line: process.origin.line, first: first.description)
            }
            seenProcesses[key] = process.origin
        }
        self.processes = processes
    }

    /// The catalogue entry for the product a fact names, if the catalogue has one.
    public func product(named name: String) -> Product? {
        productIndex[name].map { products[$0] }
    }

    /// The product whose page is at `slug`.
    public func product(slug: String) -> Product? {
        slugIndex[slug].map { products[$0] }
    }

    /// Every fact about the product named `name`, by port.
    public func facts(about name: String) -> [KnowledgeFact] {
        (factsByProduct[name] ?? []).map { facts[$0] }
    }

    /// An empty knowledge base.
    public static let empty = try! KnowledgeBase(facts: [])

    /// The facts about `port`, for `transport` if one is given.
    public func facts(at port: UInt16, transport: TransportProtocol?) -> [KnowledgeFact] {
        facts(overlapping: PortSpan(port: port), transport: transport)
    }

    /// The facts about any port in `span`.
    public func facts(overlapping span: PortSpan, transport: TransportProtocol?) -> [KnowledgeFact] {
        // Facts are sorted by first port: the one-port facts in the span are found by a binary search, and the
        // few that span ports are each checked. Positions keep the order of `facts`.
        var low = 0
        var high = facts.count
        while low < high {
            let middle = (low + high) / 2
            if facts[middle].ports.start < span.start { low = middle + 1 } else { high = middle }
        }
        var positions = rangeFacts.filter { facts[$0].ports.overlaps(span) }
        var position = low
        while position < facts.count, facts[position].ports.start <= span.end {
            if facts[position].ports.start == facts[position].ports.end { positions.append(position) }
            position += 1
        }
        return positions.sorted().map { facts[$0] }.filter { $0.concerns(transport) }
    }

    /// Every fact in the named vendor cluster, by port.
    public func cluster(named name: String) -> [KnowledgeFact] {
        (factsByCluster[name] ?? []).map { facts[$0] }
    }

    /// Every process fact, in file order.
    public func processFacts() -> [ProcessFact] { processes }

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
