import PortRegistry

/// Reads the product catalogue: blocks of `key: value` lines, in the knowledge files' syntax, one a product.
///
/// ```
/// product: Jupyter Server
/// slug: jupyter-server
/// aliases: Jupyter, JupyterLab, Jupyter Notebook
/// field: ai-and-data
/// homepage: https://jupyter.org/
/// widely-used: yes
/// ```
///
/// `product`, `slug` and `field` are required; a slug is lowercase letters, digits and hyphens. `widely-used: yes`
/// marks the products most people mean when they name one of their ports, so a report lists them first.
/// The catalogue lives in a `products` folder beside the knowledge files.
public enum ProductCatalogue {
    /// Every key the catalogue has.
    public static let keys = ["product", "slug", "aliases", "field", "homepage", "widely-used"]

    /// The products in `text`, in file order.
    /// - Throws: `KnowledgeError` naming the file, the line and the bad value.
    public static func products(in text: String, file: String, isBundled: Bool = false) throws(KnowledgeError) -> [Product] {
        var products: [Product] = []
        try KnowledgeFile.forEachBlock(in: text, file: file, keys: keys) { (fields, line) throws(KnowledgeError) in
            func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
            func invalid(_ key: String, _ reason: String) -> KnowledgeError {
                let field = fields.first { $0.key == key }
                return .invalidValue(file: file, line: field?.line ?? line, key: key, value: field?.value ?? "", reason: reason)
            }
            for key in ["product", "slug", "field"] {
                guard let text = value(key) else { throw .missingKey(file: file, line: line, key: key) }
                guard !text.isEmpty else { throw invalid(key, "it is empty") }
            }
            let slug = value("slug") ?? ""
            guard isSlug(slug) else { throw invalid("slug", "use lowercase letters, digits and single hyphens") }
            guard let field = Product.Field(rawValue: value("field") ?? "") else {
                throw invalid("field", "use one of \(Product.Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let homepage = value("homepage")
            if let homepage, !(homepage.hasPrefix("https://") || homepage.hasPrefix("http://")) || homepage.contains(" ") {
                throw invalid("homepage", "give the product's http(s) address")
            }
            let widelyUsed = value("widely-used")
            if let widelyUsed, widelyUsed != "yes" && widelyUsed != "no" { throw invalid("widely-used", "use yes or no") }
            let aliases = (value("aliases") ?? "").split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
            products.append(
                Product(
                    name: value("product") ?? "",
                    slug: slug,
                    aliases: aliases,
                    field: field,
                    homepage: homepage,
                    isWidelyUsed: widelyUsed == "yes",
                    origin: Origin(file: file, line: line, isBundled: isBundled)
                )
            )
        }
        return products
    }

    /// `a-z`, `0-9` and single hyphens inside: `jupyter-server`, `k3s`.
    static func isSlug(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, first != "-", last != "-", scalars.count <= 80 else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            guard ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" else { return false }
            if scalar == "-" && previous == "-" { return false }
            previous = scalar
        }
        return true
    }
}
