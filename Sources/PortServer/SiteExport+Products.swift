import PortWeb

extension SiteExport {
    /// Writes the products A–Z and every product's page, in every language: `en/products/index.html`,
    /// `en/products/jupyter/index.html`. The index's field filter needs the server; the export has the whole list.
    func writeProducts(with writer: FileWriter) throws {
        for language in pages.site.languages.all {
            try writer.write("\(language.code)/products/index.html", try pages.productIndex(language).body)
            for slug in pages.productSlugs {
                try writer.write("\(language.code)/products/\(slug)/index.html", try pages.product(slug: slug, language).body)
            }
        }
    }
}
