import Foundation
import PortWeb

/// The sitemap's parts, rendered once: they list every page of the site (131,000 addresses, about 2 MB a
/// part) and change only with the site's languages and address, so no request renders them twice.
final class Sitemaps: @unchecked Sendable {
    // @unchecked: `parts` is only touched holding `lock`.
    private let lock = NSLock()
    private var parts: [Int: String?] = [:]
    let site: Site

    init(site: Site) {
        self.site = site
    }

    /// Part `number`, or `nil` when the sitemap has no such part.
    func part(_ number: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let part = parts[number] { return part }
        let part = site.sitemap(part: number)
        // Only the parts that exist are kept: part numbers come from URLs.
        if part != nil { parts[number] = part }
        return part
    }
}
