import PortRegistry
import PortReport
import PortStore

extension Site {
    /// The home page: what the site is, a search box, the three ranges.
    public func homePage(registry: AnswerSource?, language: Language) -> String {
        let frame = Frame(title: language("home.title"), description: language("home.description"), path: "/", registry: registry)
        return document(frame, language: language) { html in
            html.element("h1", text: language("home.heading"))
            html.element("p", ["class": "lead"], text: language("home.lead"))
            html.element("form", ["role": "search", "action": "/\(language.code)/search", "method": "get", "class": "big-search"]) { html in
                html.element("label", ["for": "home-q"], text: language("home.searchLabel"))
                html.open("input", ["id": "home-q", "name": "q", "type": "search", "placeholder": "3331, mysql, key manager", "required": ""])
                html.element("button", ["type": "submit"], text: language("search.button"))
            }
            html.element("h2", text: language("home.ranges"))
            html.element("ul") { html in
                for range in [PortRange.system, .user, .dynamic] {
                    html.element("li") { html in
                        html.element("a", ["href": "/\(language.code)/ranges/\(range.rawValue)"], text: language("range.\(range.rawValue).title"))
                        html.add(" \(range.start)–\(range.end)")
                    }
                }
            }
            html.element("p") { html in
                html.element("a", ["href": "/\(language.code)/products"], text: language("home.products"))
            }
            html.element("h2", text: language("home.examples"))
            html.element("ul") { html in
                for port: UInt16 in [22, 443, 3331, 5432, 8080] {
                    html.element("li") { Site.portLink(port, language, &$0) }
                }
            }
        }
    }

    /// The entries for a range of ports (`/ports/3360-3375`) or a service name (`/services/mysql`).
    public func answerPage(_ answer: LookupAnswer, path: String, language: Language) -> String {
        let heading: String =
            switch answer.query {
            case .span(let span): language("answer.span.title", ["start": String(span.start), "end": String(span.end)])
            case .service(let name): language("answer.service.title", ["name": name])
            case .port(let port): language("port.title", ["port": String(port)])
            }
        // The count is of the cards shown: a service's TCP and UDP records alike but for protocol are one card.
        let groups = EntryText.groups(answer.entries)
        let date = answer.source.updated ?? "—"
        let summary =
            answer.isListed
            ? language("answer.count", count: groups.count)
            : language("answer.unlisted", ["query": answer.query.text, "date": date])
        let frame = Frame(title: heading + " — portatlas", description: summary, path: path, registry: answer.source)
        return document(frame, language: language) { html in
            html.element("h1", text: heading)
            html.element("p", ["class": "lead"]) { html in
                if answer.isListed {
                    html.add(summary)
                } else {
                    html.say(language, "answer.unlisted", ["query": .text(answer.query.text), "date": .date(date)])
                }
            }
            entries(groups, people: answer.people, level: .h2, language: language, into: &html)
        }
    }

    /// What a range is and how ports in it are assigned (RFC 6335).
    public func rangePage(_ range: PortRange, registry: AnswerSource?, language: Language) -> String {
        let title = language("range.\(range.rawValue).title")
        let frame = Frame(
            title: "\(title), \(range.start)–\(range.end) — portatlas",
            description: language("range.\(range.rawValue).assignment"),
            path: "/ranges/\(range.rawValue)",
            registry: registry
        )
        return document(frame, language: language) { html in
            html.element("h1", text: "\(title), \(range.start)–\(range.end)")
            html.element("p", ["class": "lead"], text: language("range.\(range.rawValue).meaning"))
            html.element("p", text: language("range.\(range.rawValue).assignment"))
            html.element("p") { html in
                html.add(language("range.browse") + " ")
                html.element("a", ["href": "/\(language.code)/ports/\(range.start)"], text: String(range.start))
                html.add(" … ")
                html.element("a", ["href": "/\(language.code)/ports/\(range.end)"], text: String(range.end))
            }
        }
    }

    /// Search results: the curated products that match, then the registry's entries.
    public func searchPage(_ answer: SearchAnswer?, query: String, language: Language) -> String {
        let heading = query.isEmpty ? language("search.title") : language("search.results", ["query": query])
        let frame = Frame(title: heading + " — portatlas", description: heading, path: "/search", registry: answer?.source)
        return document(frame, language: language) { html in
            html.element("h1", text: heading)
            guard let answer else {
                html.element("p", text: language("search.help"))
                return
            }
            productResults(answer.products, language: language, into: &html)
            if answer.entries.isEmpty {
                html.element("p", text: language("search.none", ["query": query]))
            } else {
                let groups = EntryText.groups(answer.entries)
                html.element("p", text: language("search.count", count: groups.count))
                // Under the products' and the registry's h2 headings when products matched; else right under the h1.
                entries(groups, people: answer.people, level: answer.products.isEmpty ? .h2 : .h3, language: language, into: &html)
            }
        }
    }

    /// A page for something that does not exist: a port above 65535, a range upside down, an unknown path.
    public func notFoundPage(message: String, language: Language, registry: AnswerSource?) -> String {
        problemPage(title: language("notFound.title"), message: message, help: language("notFound.help"), language: language, registry: registry)
    }

    /// A page for a request the site cannot answer as asked (a bad parameter, a method a path does not take):
    /// `title`, then `message` saying what is wrong, then `help`.
    public func problemPage(title: String, message: String, help: String, language: Language, registry: AnswerSource?) -> String {
        let frame = Frame(title: title + " — portatlas", description: message, path: "/", registry: registry)
        return document(frame, language: language) { html in
            html.element("h1", text: title)
            html.element("p", ["class": "lead"], text: message)
            html.element("p", text: help)
        }
    }

    /// The sitemap: every page of the site in every language (RFC-free, sitemaps.org 0.9). Large sites split
    /// into files of at most 50,000 URLs; `index` lists them.
    public func sitemap(part: Int) -> String? {
        let perPart = 50000
        let paths = sitemapPaths
        // Checked before multiplying: a part number from a URL may be negative or huge.
        guard part >= 0, part < (paths.count + perPart - 1) / perPart else { return nil }
        let start = part * perPart
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths[start..<min(start + perPart, paths.count)] {
            out += "<url><loc>" + HTML.escaped(baseURL + path) + "</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// The sitemap index: one entry per sitemap part.
    public var sitemapIndex: String {
        let parts = (sitemapPaths.count + 49999) / 50000
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 0..<parts { out += "<sitemap><loc>" + HTML.escaped(baseURL + "/sitemaps/\(part).xml") + "</loc></sitemap>\n" }
        return out + "</sitemapindex>\n"
    }

    /// Every page path, language first: the home page, ranges, registry, 0–65535, and the products.
    var sitemapPaths: [String] {
        var paths: [String] = []
        for language in languages.all {
            let prefix = "/\(language.code)"
            paths += [prefix + "/", prefix + "/registry", prefix + "/ranges/system", prefix + "/ranges/user", prefix + "/ranges/dynamic"]
            for port in 0...65535 { paths.append("\(prefix)/ports/\(port)") }
            paths += productPaths(prefix: prefix)
        }
        return paths
    }

    /// `robots.txt`: everything may be crawled but votes and searches; the sitemap's address.
    public var robots: String {
        "User-agent: *\nDisallow: /*/search\nDisallow: /api/\nSitemap: \(baseURL)/sitemap.xml\n"
    }
}
