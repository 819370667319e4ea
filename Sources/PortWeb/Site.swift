import PortKnowledge
import PortRegistry
import PortReport

/// Renders every page of the site as HTML, in any language it speaks: the same bytes for the server and
/// for the static export. Pure: it is handed the facts (a `WhatPortIs`, a `LookupAnswer`, …) and decides none.
public struct Site: Sendable {
    public let languages: Languages
    /// The site's public address, without a trailing slash, for canonical links and the sitemap; empty for
    /// links relative to the host.
    public let baseURL: String
    /// The catalogued products' slugs by product name: port pages link a use to its product's page, and the
    /// sitemap lists every product page.
    public let productSlugs: [String: String]

    public init(languages: Languages, baseURL: String = "", products: [Product] = []) {
        self.languages = languages
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.productSlugs = Dictionary(products.map { ($0.name, $0.slug) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a page needs besides its body: its title, description, and its path without the language prefix.
    struct Frame {
        var title: String
        var description: String
        /// `/ports/3331`: the page's path in every language (`/en/ports/3331`, `/uk/ports/3331`).
        var path: String
        var registry: AnswerSource?
    }

    /// The whole document around `body`.
    func document(_ frame: Frame, language: Language, body: (inout HTML) -> Void) -> String {
        var html = HTML()
        html.raw("<!doctype html>\n")
        html.open("html", ["lang": language.code])
        html.open("head")
        html.raw("<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.element("title", text: frame.title)
        html.open("meta", ["name": "description", "content": frame.description])
        html.open("link", ["rel": "canonical", "href": baseURL + "/\(language.code)" + frame.path])
        for other in languages.all {
            html.open("link", ["rel": "alternate", "hreflang": other.code, "href": baseURL + "/\(other.code)" + frame.path])
        }
        html.open("link", ["rel": "alternate", "hreflang": "x-default", "href": baseURL + frame.path])
        html.raw("<link rel=\"stylesheet\" href=\"/assets/site.css\">")
        html.close("head")
        html.open("body")
        html.element("a", ["class": "skip", "href": "#main"], text: language("nav.skip"))
        html.element("header") { html in
            html.element("a", ["class": "brand", "href": "/\(language.code)/"], text: "portatlas")
            html.element("form", ["role": "search", "action": "/\(language.code)/search", "method": "get"]) { html in
                html.element("label", ["for": "q"], text: language("search.label"))
                html.open("input", ["id": "q", "name": "q", "type": "search", "placeholder": language("search.placeholder"), "required": ""])
                html.element("button", ["type": "submit"], text: language("search.button"))
            }
            html.element("nav", ["aria-label": language("nav.languages")]) { html in
                html.open("ul")
                for other in languages.all {
                    html.open("li")
                    if other.code == language.code {
                        html.element("span", ["aria-current": "page", "lang": other.code], text: other.name)
                    } else {
                        html.element("a", ["href": "/\(other.code)" + frame.path, "hreflang": other.code, "lang": other.code], text: other.name)
                    }
                    html.close("li")
                }
                html.close("ul")
            }
        }
        html.element("main", ["id": "main"]) { body(&$0) }
        html.element("footer") { html in
            html.open("p")
            if let registry = frame.registry {
                html.say(
                    language,
                    "footer.registry",
                    ["registry": .english(Self.registryName), "date": registry.updated.map(Slot.date) ?? .text(language("footer.undated"))]
                )
            } else {
                html.add(language("footer.noRegistry"))
            }
            html.add(" ")
            html.element("a", ["href": "/\(language.code)/atlas"], text: language("nav.atlas"))
            html.add(" · ")
            html.element("a", ["href": "/\(language.code)/registry"], text: language("nav.registry"))
            html.add(" · ")
            html.element("a", ["href": "/\(language.code)/products"], text: language("products.title"))
            html.add(" · ")
            html.element("a", ["href": "/openapi.json"], text: language("nav.api"))
            html.close("p")
        }
        html.close("body")
        html.close("html")
        html.raw("\n")
        return html.text
    }

    /// The registry's name, as IANA gives it.
    static let registryName = "Service Name and Transport Protocol Port Number Registry"

    /// A link to a port's page.
    static func portLink(_ port: UInt16, _ language: Language, _ html: inout HTML) {
        html.element("a", ["href": "/\(language.code)/ports/\(port)"], text: String(port))
    }
}
