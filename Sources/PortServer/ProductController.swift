import Hummingbird
import PortKnowledge
import PortWeb

/// The product routes: the A–Z, a page per product, and `/api/v1/products/{slug}`.
struct ProductController: Sendable {
    let pages: SitePages
    /// The site's controller, for its language negotiation, request checks and responses.
    let site: SiteController

    func addRoutes(to routes: MethodRouter) {
        routes.get("/api/v1/products/{slug}") { request, context in
            try site.api(request) { () throws in pages.productJSON(slug: try site.parameter("slug", context)) }
        }
        for prefix in ["", "/{lang}"] {
            routes.get("\(prefix)/products") { request, context in
                try await site.page(request, context) { language throws in
                    let requested = try FormQuery(request.uri.query).first("field") ?? ""
                    guard requested.isEmpty || Product.Field(rawValue: requested) != nil else {
                        return pages.notFound(language("products.unknownField", ["field": requested]), language)
                    }
                    return try pages.productIndex(field: Product.Field(rawValue: requested), language)
                }
            }
            routes.get("\(prefix)/products/{slug}") { request, context in
                try await site.page(request, context) { language throws in
                    try pages.product(slug: try site.parameter("slug", context), language)
                }
            }
        }
    }
}
