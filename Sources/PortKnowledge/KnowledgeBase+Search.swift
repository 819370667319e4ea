extension KnowledgeBase {
    /// A product that matches a search, with how well.
    public struct ProductMatch: Sendable, Hashable {
        /// The catalogue's entry, or one made from the facts' name when the catalogue lacks it (a user's facts).
        public var product: Product
        /// Every fact about the product, by port.
        public var facts: [KnowledgeFact]
        /// Higher is better: 3 the whole name or an alias, 2 a name or alias starting with the text, 1 every
        /// word found in the name, an alias or a purpose.
        public var score: Int
    }

    /// The products `text` names, best first: by name, slug or alias ("k8s", "ES"), then by the words of
    /// their names, aliases and purposes ("notebook"), each word matched as the start of a word.
    public func products(matching text: String, limit: Int = 20) -> [ProductMatch] {
        let wanted = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !wanted.isEmpty else { return [] }
        let phrase = wanted.joined(separator: " ")
        var byProduct: [String: [KnowledgeFact]] = [:]
        for fact in facts where fact.kind == .use { byProduct[fact.product, default: []].append(fact) }

        var matches: [ProductMatch] = []
        for (name, facts) in byProduct {
            let product = self.product(named: name) ?? Product(name: name, slug: "", field: .development, origin: facts[0].origin)
            let names = ([product.name, product.slug] + product.aliases).map(Self.words)
            var score = 0
            if names.contains(where: { $0.joined(separator: " ") == phrase }) {
                score = 3
            } else if names.contains(where: { $0.joined(separator: " ").hasPrefix(phrase) }) {
                score = 2
            } else {
                let haystack = Set(names.joined() + facts.flatMap { Self.words($0.purpose) })
                if wanted.allSatisfy({ word in haystack.contains { $0.hasPrefix(word) } }) { score = 1 }
            }
            if score > 0 { matches.append(ProductMatch(product: product, facts: facts, score: score)) }
        }
        matches.sort { ($0.score, $1.product.name.lowercased()) > ($1.score, $0.product.name.lowercased()) }
        return Array(matches.prefix(limit))
    }

    /// The text's words, lowercased: letters and digits, everything else a separator.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
