import PortRegistry

/// What one port's report asks of the curated knowledge: the facts at a port or a span, a vendor's cluster, a
/// product's facts and its catalogue entry.
///
/// `KnowledgeBase` answers from memory (the server, the export, tests); `KnowledgeIndex` in PortStore answers
/// from a SQLite file built once from the same files, so a lookup reads only what it shows. Both answer alike:
/// facts in the order of their first port, then the files' order.
public protocol CuratedKnowledge: Sendable {
    /// The facts about `port`, for `transport` if one is given.
    func facts(at port: UInt16, transport: TransportProtocol?) -> [KnowledgeFact]
    /// The facts about any port in `span`, for `transport` if one is given.
    func facts(overlapping span: PortSpan, transport: TransportProtocol?) -> [KnowledgeFact]
    /// Every fact in the named vendor cluster, by port.
    func cluster(named name: String) -> [KnowledgeFact]
    /// Every fact about the product named `name`, by port.
    func facts(about name: String) -> [KnowledgeFact]
    /// The catalogue entry for the product a fact names, if the catalogue has one.
    func product(named name: String) -> Product?
    /// Every process fact (signatures and ways to free a port), in file order.
    func processFacts() -> [ProcessFact]
}

extension CuratedKnowledge {
    /// The facts about `port`, for any protocol.
    public func facts(at port: UInt16) -> [KnowledgeFact] { facts(at: port, transport: nil) }
    /// The facts about any port in `span`, for any protocol.
    public func facts(overlapping span: PortSpan) -> [KnowledgeFact] { facts(overlapping: span, transport: nil) }
}

extension KnowledgeBase: CuratedKnowledge {}
