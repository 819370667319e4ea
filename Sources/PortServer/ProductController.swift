import Hummingbird
import PortKnowledge
import PortWeb

/// The product routes: the products A–Z, a page per product, in every language, and the product's JSON.
/// Pages go through the site controller's language choice and caching headers, as every page does.
struct ProductController {
    let pages: SitePages
    let site: SiteController

    func addRoutes(to router: Router<SiteRequestContext>) {
        router.get("/api/v1/products/{slug}") { request, context in
            site.send(pages.productJSON(slug: context.parameters.get("slug") ?? ""), request)
        }
        for prefix in ["", "/{lang}"] {
            router.get("\(prefix)/products") { request, context in
                try site.page(request, context) { language throws in
                    let requested = request.uri.queryParameters.get("field").map { String($0) } ?? ""
                    guard requested.isEmpty || Product.Field(rawValue: requested) != nil else {
                        return pages.notFound(language("products.unknownField", ["field": requested]), language)
                    }
                    return try pages.productIndex(field: Product.Field(rawValue: requested), language)
                }
            }
            router.get("\(prefix)/products/{slug}") { request, context in
                try site.page(request, context) { language throws in
                    try pages.product(slug: context.parameters.get("slug") ?? "", language)
                }
            }
        }
    }
}
