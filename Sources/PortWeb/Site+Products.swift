import Foundation
import PortKnowledge
import PortRegistry
import PortReport

extension Site {
    /// `/products/{slug}`: a product's every port, with protocols, purpose and note, each footnoted with the
    /// document it comes from and the day that document was read.
    public func productPage(_ product: Product, facts: [KnowledgeFact], registry: AnswerSource?, language: Language) -> String {
        let name = product.name
        let frame = Frame(
            title: language("product.title", ["product": name]) + " — portatlas",
            description: language("product.description", ["product": name]),
            path: "/products/\(product.slug)",
            registry: registry
        )
        // One footnote per document, numbered in the order the table first cites it.
        var footnotes: [Citation] = []
        for fact in facts where !footnotes.contains(fact.source) { footnotes.append(fact.source) }
        return document(frame, language: language) { html in
            let english = HTML.englishAttribute(language)
            html.element("h1", ["lang": english], text: name)
            html.element("p", ["class": "lead"], text: language("product.count", count: facts.count))
            html.element("dl") { html in
                html.element("dt", text: language("product.field"))
                html.element("dd") { html in
                    html.element(
                        "a",
                        ["href": "/\(language.code)/products?field=\(product.field.rawValue)"],
                        text: fieldTitle(product.field, language)
                    )
                }
                if !product.aliases.isEmpty {
                    html.element("dt", text: language("product.aliases"))
                    html.element("dd", ["lang": english], text: product.aliases.joined(separator: ", "))
                }
                if let homepage = product.homepage {
                    html.element("dt", text: language("product.homepage"))
                    html.element("dd") { html in html.element("a", ["href": homepage, "rel": "external"], text: homepage) }
                }
            }
            html.element("section", ["aria-labelledby": "ports"]) { html in
                html.element("h2", ["id": "ports"], text: language("product.ports"))
                guard !facts.isEmpty else {
                    html.element("p", text: language("product.none", ["product": name]))
                    return
                }
                html.element("table", ["class": "product-ports cards"]) { html in
                    html.element("caption") { html in html.say(language, "product.caption", ["product": .english(name)]) }
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for key in [
                                "product.column.ports", "product.column.protocols", "product.column.purpose", "product.column.note",
                                "product.column.source",
                            ] {
                                html.element("th", ["scope": "col"], text: language(key))
                            }
                        }
                    }
                    html.element("tbody") { html in
                        for fact in facts {
                            html.element("tr") { html in
                                html.element("th", ["scope": "row"]) { html in
                                    html.element("a", ["href": "/\(language.code)/ports/\(fact.ports)"], text: fact.ports.description)
                                }
                                html.element(
                                    "td",
                                    ["data-label": language("product.column.protocols")],
                                    text: fact.transports.isEmpty
                                        ? language("product.anyProtocol") : fact.transports.map(\.rawValue).joined(separator: ", ")
                                )
                                html.element("td", ["data-label": language("product.column.purpose"), "lang": english], text: fact.purpose)
                                html.element(
                                    "td",
                                    ["data-label": language("product.column.note"), "lang": fact.note == nil ? nil : english],
                                    text: fact.note ?? ""
                                )
                                html.element("td", ["data-label": language("product.column.source")]) { html in
                                    let number = (footnotes.firstIndex(of: fact.source) ?? 0) + 1
                                    footnote(number, language: language, into: &html)
                                }
                            }
                        }
                    }
                }
            }
            html.element("section", ["aria-labelledby": "sources"]) { html in
                html.element("h2", ["id": "sources"], text: language("section.sources"))
                html.element("ol") { html in
                    for (index, citation) in footnotes.enumerated() {
                        html.element("li", ["id": "source-\(index + 1)"]) { html in
                            self.citation(citation, language: language, into: &html)
                        }
                    }
                }
            }
            html.element("p") { html in
                html.element("a", ["href": "/\(language.code)/products"], text: language("products.title"))
            }
        }
    }

    /// `/products`: every catalogued product, A to Z, grouped by first letter, with its field and first ports;
    /// only those of `field` when one is given.
    public func productIndexPage(_ knowledge: KnowledgeBase, field: Product.Field?, registry: AnswerSource?, language: Language) -> String {
        let shown = knowledge.products.filter { field == nil || $0.field == field }
        let facts = Dictionary(grouping: knowledge.facts, by: \.product)
        let groups = Dictionary(grouping: shown, by: { Self.indexLetter(of: $0.name) })
        let letters = groups.keys.sorted { ($0 == Self.digitsLetter ? "" : $0) < ($1 == Self.digitsLetter ? "" : $1) }
        let heading = field.map { "\(language("products.title")): \(fieldTitle($0, language))" } ?? language("products.title")
        let frame = Frame(title: heading + " — portatlas", description: language("products.description"), path: "/products", registry: registry)
        return document(frame, language: language) { html in
            html.element("h1", text: heading)
            html.element("p", ["class": "lead"], text: language("products.lead", count: shown.count))
            html.element("form", ["method": "get", "action": "/\(language.code)/products", "class": "filter"]) { html in
                html.element("label", ["for": "field"], text: language("product.field"))
                html.element("select", ["id": "field", "name": "field"]) { html in
                    html.element("option", ["value": "", "selected": field == nil ? "" : nil], text: language("products.anyField"))
                    for each in Product.Field.allCases {
                        html.element("option", ["value": each.rawValue, "selected": each == field ? "" : nil], text: fieldTitle(each, language))
                    }
                }
                html.element("button", ["type": "submit"], text: language("products.apply"))
            }
            if shown.isEmpty {
                html.element("p", text: language("products.none"))
                return
            }
            html.element("nav", ["class": "letters", "aria-label": language("products.letters")]) { html in
                html.open("ul")
                for letter in letters {
                    html.element("li") { html in html.element("a", ["href": "#\(Self.letterID(letter))"], text: letter) }
                }
                html.close("ul")
            }
            for letter in letters {
                html.element("section", ["aria-labelledby": Self.letterID(letter)]) { html in
                    html.element("h2", ["id": Self.letterID(letter)], text: letter)
                    html.element("ul", ["class": "products"]) { html in
                        for product in groups[letter] ?? [] {
                            html.element("li") { productItem(product, facts: facts[product.name] ?? [], language: language, into: &$0) }
                        }
                    }
                }
            }
        }
    }

    /// The products a search found, above the registry's entries: a heading and a list, then the registry's heading.
    func productResults(_ matches: [KnowledgeBase.ProductMatch], language: Language, into html: inout HTML) {
        guard !matches.isEmpty else { return }
        html.element("h2", ["id": "products"], text: language("search.products"))
        html.element("ul", ["class": "products"]) { html in
            for match in matches {
                html.element("li") { productItem(match.product, facts: match.facts, language: language, into: &$0) }
            }
        }
        html.element("h2", ["id": "registry"], text: language("search.registry"))
    }

    /// One line about a product: its name (a link to its page when it has one), its field and its first ports.
    func productItem(_ product: Product, facts: [KnowledgeFact], language: Language, into html: inout HTML) {
        let english = HTML.englishAttribute(language)
        if product.slug.isEmpty {
            html.element("strong", ["lang": english], text: product.name)
        } else {
            html.element("a", ["href": "/\(language.code)/products/\(product.slug)", "lang": english], text: product.name)
        }
        html.add(" — " + fieldTitle(product.field, language))
        let ports = facts.map(\.portsLabel).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !ports.isEmpty {
            let shown = ports.prefix(Self.portsPerItem).joined(separator: ", ")
            html.add(" · " + shown + (ports.count > Self.portsPerItem ? ", …" : ""))
        }
    }

    /// A product's name as the port page shows it: a link to the product's page when the catalogue has it.
    func productName(_ name: String, language: Language, into html: inout HTML) {
        let english = HTML.englishAttribute(language)
        guard let slug = productSlugs[name] else {
            html.element("strong", ["lang": english], text: name)
            return
        }
        html.element("a", ["href": "/\(language.code)/products/\(slug)", "lang": english]) { html in html.element("strong", text: name) }
    }

    /// The field's name in `language`.
    func fieldTitle(_ field: Product.Field, _ language: Language) -> String {
        language("field.\(field.rawValue)")
    }

    /// The product pages' paths under one language prefix, for the sitemap: the index, then each product.
    func productPaths(prefix: String) -> [String] {
        [prefix + "/products"] + productSlugs.values.sorted().map { "\(prefix)/products/\($0)" }
    }

    /// How many of a product's ports an index line lists before an ellipsis.
    static let portsPerItem = 6

    /// The heading products starting with a digit or a sign go under, first.
    static let digitsLetter = "0–9"

    /// The letter a product is filed under: its first letter without accents, uppercased; `0–9` otherwise.
    static func indexLetter(of name: String) -> String {
        guard let first = name.first, first.isLetter else { return digitsLetter }
        return String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
    }

    /// `letter-q`, or `letter-digits`; a letter beyond ASCII by its code point.
    static func letterID(_ letter: String) -> String {
        if letter == digitsLetter { return "letter-digits" }
        if letter.allSatisfy({ $0.isASCII }) { return "letter-" + letter.lowercased() }
        return "letter-" + letter.unicodeScalars.map { String($0.value) }.joined(separator: "-")
    }
}
