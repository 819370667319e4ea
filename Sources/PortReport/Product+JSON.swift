import PortKnowledge

extension Product {
    /// The product and `facts` about it as JSON, for `/api/v1/products/{slug}`: `product`, `slug`, `field`
    /// {`id`, `title`}, `aliases`, `homepage` (or `null`), and `facts`, each with its `source`.
    public func json(facts: [KnowledgeFact]) -> JSONValue {
        .object(summaryMembers + [("facts", .array(facts.map(\.json)))])
    }

    /// The keys every product's JSON starts with; alone, the product as a report's use names it.
    public var summaryMembers: [(String, JSONValue)] {
        [
            ("product", .string(name)),
            ("slug", .string(slug.isEmpty ? nil : slug)),
            ("field", .object([("id", .string(field.rawValue)), ("title", .string(field.title))])),
            ("aliases", .array(aliases.map { .string($0) })),
            ("homepage", .string(homepage)),
        ]
    }
}

extension KnowledgeBase.ProductMatch {
    /// The match as a search result: the product's keys, then `score` (3 a name or alias, 2 its start, 1 words)
    /// and `ports`, the labels of the product's ports (`8888/tcp`). `slug` is `null` for a product only a
    /// user's own facts name.
    public var json: JSONValue {
        let ports = facts.map(\.portsLabel).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return .object(product.summaryMembers + [("score", .number(score)), ("ports", .array(ports.map { .string($0) }))])
    }
}
