import Foundation
import PortKnowledge
import PortReport
import PortStore
import PortWeb

extension SitePages {
    /// `/{lang}/products/{slug}`: the product's page; for a name or an alias (`/en/products/jupyter`), a redirect
    /// to the page of the product it names; else a 404 page naming the slug.
    public func product(slug: String, _ language: Language) throws(StoreError) -> Page {
        guard let product = knowledge.product(slug: slug) else {
            if let named = product(named: slug) { return Page.redirect(to: "/\(language.code)/products/\(named.slug)") }
            return notFound(language("product.unknown", ["slug": slug]), language)
        }
        return try cached("\(language.code)|/products/\(slug)") { () throws(StoreError) in
            Page(body: site.productPage(product, facts: knowledge.facts(about: product.name), registry: try currentSource(), language: language))
        }
    }

    /// `/{lang}/products`, every product or those of one field.
    public func productIndex(field: Product.Field? = nil, _ language: Language) throws(StoreError) -> Page {
        try cached("\(language.code)|/products?\(field?.rawValue ?? "")") { () throws(StoreError) in
            Page(body: site.productIndexPage(knowledge, field: field, registry: try currentSource(), language: language))
        }
    }

    /// `/api/v1/products/{slug}`: the product and its facts as JSON, or a 404 error naming the slug.
    public func productJSON(slug: String) -> Page {
        guard let product = knowledge.product(slug: slug) else {
            let error = JSONValue.object([
                ("error", .object([("code", .string("unknownProduct")), ("message", .string("no product has the slug \(slug)"))]))
            ])
            return Page(status: 404, contentType: "application/json", body: error.serialized() + "\n")
        }
        return Page(contentType: "application/json", body: product.json(facts: knowledge.facts(about: product.name)).serialized() + "\n")
    }

    /// The catalogued product whose name or alias `text` is, hyphens read as spaces (`jupyter-lab`), the best
    /// match first; `nil` when none is named so.
    func product(named text: String) -> Product? {
        let name = text.replacingOccurrences(of: "-", with: " ")
        return knowledge.products(matching: name, limit: 1).first { $0.score == 3 && !$0.product.slug.isEmpty }?.product
    }

    /// The catalogued products' slugs, A to Z by name: the pages the export writes.
    public var productSlugs: [String] { knowledge.products.map(\.slug) }
}
