import Foundation
import PortKnowledge
import PortRegistry
import PortStore

/// The registry's answer to one query: the entries, the range, the people they name, and where it came from.
public struct LookupAnswer: Sendable {
    /// What was asked.
    public var query: PortQuery
    /// A protocol the answer was limited to, if any.
    public var transport: TransportProtocol?
    /// Where the answer came from.
    public var source: AnswerSource
    /// The matching entries, in registry order.
    public var entries: [RegistryEntry]
    /// The people table rows for the entries' assignees and contacts.
    public var people: [String: Person]

    public init(query: PortQuery, transport: TransportProtocol?, source: AnswerSource, entries: [RegistryEntry], people: [String: Person]) {
        self.query = query
        self.transport = transport
        self.source = source
        self.entries = entries
        self.people = people
    }

    /// The RFC 6335 range of the port asked about; `nil` for ranges and names.
    public var range: PortRange? {
        if case .port(let port) = query { return PortRange(containing: port) }
        return nil
    }

    /// Whether the source lists anything for the query.
    public var isListed: Bool { !entries.isEmpty }
}

/// Answers queries from the store, or from the system's services database before any registry is imported.
public struct PortLookup: Sendable {
    let store: RegistryReader?
    let fallback: @Sendable () -> SystemServices

    /// - Parameters:
    ///   - store: a reader on the store, or `nil` when none exists yet.
    ///   - fallback: reads the system's services database; called only when the store holds no registry.
    public init(store: RegistryReader?, fallback: @escaping @Sendable () -> SystemServices = { SystemServices() }) {
        self.store = store
        let once = ReadOnce(fallback)
        self.fallback = { once.value }
    }

    /// The answer to one query.
    /// - Throws: `StoreError` when the store cannot be read.
    public func answer(_ query: PortQuery, transport: TransportProtocol? = nil) throws(StoreError) -> LookupAnswer {
        if let store, let version = try store.currentVersion() {
            let entries: [RegistryEntry] =
                switch query {
                case .port(let port): try store.entries(at: port, transport: transport)
                case .span(let span): try store.entries(overlapping: span, transport: transport)
                case .service(let name): try store.entries(named: name, transport: transport)
                }
            let people = try store.people(entries.flatMap { $0.assignees + $0.contacts })
            return LookupAnswer(query: query, transport: transport, source: .registry(version), entries: entries, people: people)
        }
        let services = fallback()
        let entries: [RegistryEntry] =
            switch query {
            case .port(let port): services.entries(overlapping: PortSpan(port: port), transport: transport)
            case .span(let span): services.entries(overlapping: span, transport: transport)
            case .service(let name): services.entries(named: name, transport: transport)
            }
        return LookupAnswer(query: query, transport: transport, source: .systemServices(files: services.files), entries: entries, people: [:])
    }

    /// Every entry with a port in `span`, from the same source `answer` uses (for neighbours and clusters).
    public func entries(overlapping span: PortSpan) throws(StoreError) -> [RegistryEntry] {
        if let store, try store.currentVersion() != nil { return try store.entries(overlapping: span, transport: nil) }
        return fallback().entries(overlapping: span, transport: nil)
    }

    /// Full-text search: every word must match a name, description, person or note, as a prefix.
    /// Full-text search over the registry (or the fallback database), and over the curated products in
    /// `knowledge`: products whose name, alias or purposes match come first.
    public func search(
        _ text: String,
        transport: TransportProtocol? = nil,
        limit: Int = 50,
        knowledge: KnowledgeBase = .empty
    ) throws(StoreError) -> SearchAnswer {
        let products = knowledge.products(matching: text).map { match in
            var match = match
            match.facts = match.facts.filter { $0.concerns(transport) }
            return match
        }.filter { !$0.facts.isEmpty }
        if let store, let version = try store.currentVersion() {
            let entries = try store.search(text, transport: transport, limit: limit)
            let people = try store.people(entries.flatMap { $0.assignees + $0.contacts })
            return SearchAnswer(text: text, source: .registry(version), products: products, entries: entries, people: people)
        }
        let services = fallback()
        return SearchAnswer(
            text: text,
            source: .systemServices(files: services.files),
            products: products,
            entries: services.search(text, transport: transport, limit: limit),
            people: [:]
        )
    }
}

/// What a search found: curated products, best first, then the registry's entries.
public struct SearchAnswer: Sendable {
    public var text: String
    public var source: AnswerSource
    /// Products the curated knowledge names, with every port it documents for them.
    public var products: [KnowledgeBase.ProductMatch]
    public var entries: [RegistryEntry]
    public var people: [String: Person]

    /// Whether the search found nothing at all.
    public var isEmpty: Bool { products.isEmpty && entries.isEmpty }
}

/// Reads the fallback database at most once however many questions follow (`listening` asks one per port).
private final class ReadOnce: @unchecked Sendable {
    // @unchecked: `loaded` is only touched under `lock`.
    private let lock = NSLock()
    private let load: @Sendable () -> SystemServices
    private var loaded: SystemServices?

    init(_ load: @escaping @Sendable () -> SystemServices) { self.load = load }

    var value: SystemServices {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let services = load()
        loaded = services
        return services
    }
}
