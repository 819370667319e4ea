import PortRegistry
import PortReport
import PortStore

extension Site {
    /// What the home page shows besides its fixed text; each part is left out when it is `nil`.
    public struct HomeFacts: Sendable {
        /// The ports people ask about most, named.
        public var popular: PopularPorts?
        /// The atlas, for its small picture.
        public var atlas: PortAtlas?
        /// What the last import changed, when the store holds two versions.
        public var changes: LatestChanges?

        public init(popular: PopularPorts? = nil, atlas: PortAtlas? = nil, changes: LatestChanges? = nil) {
            self.popular = popular
            self.atlas = atlas
            self.changes = changes
        }
    }

    /// What changed between the registry's last two imported versions.
    public struct LatestChanges: Sendable {
        /// The older version's date (or "—").
        public var older: String
        /// The newer (current) version's date.
        public var newer: String
        public var diff: RegistryDiff

        public init(older: String, newer: String, diff: RegistryDiff) {
            self.older = older
            self.newer = newer
            self.diff = diff
        }
    }

    /// How many entries of each kind of change the home page lists.
    static let changesShown = 8

    /// The home page: what the site is, a search box, the ports people ask about most, the atlas in small,
    /// what the last registry update changed, the three ranges and the products.
    public func homePage(registry: AnswerSource?, facts: HomeFacts = HomeFacts(), language: Language) -> String {
        let frame = Frame(title: language("home.title"), description: language("home.description"), path: "/", registry: registry)
        return document(frame, language: language) { html in
            html.element("h1", text: language("home.heading"))
            html.element("p", ["class": "lead"], text: language("home.lead"))
            html.element("form", ["role": "search", "action": "/\(language.code)/search", "method": "get", "class": "big-search"]) { html in
                html.element("label", ["for": "home-q"], text: language("home.searchLabel"))
                html.open("input", ["id": "home-q", "name": "q", "type": "search", "placeholder": "3331, mysql, key manager", "required": ""])
                html.element("button", ["type": "submit"], text: language("search.button"))
            }
            if let popular = facts.popular {
                html.element("h2", text: language("home.popular"))
                html.element("ul", ["class": "popular"]) { html in
                    for item in popular.ports {
                        html.element("li") { html in
                            html.element("a", ["href": "/\(language.code)/ports/\(item.port)"]) { html in
                                html.element("b", text: String(item.port))
                                if let name = item.name { html.add(" " + name) }
                            }
                        }
                    }
                }
                html.element("p", ["class": "source"], text: language(popular.source == nil ? "home.popular.curated" : "home.popular.nmap"))
            }
            if let atlas = facts.atlas {
                html.element("h2", text: language("home.atlas"))
                atlasThumbnail(atlas, language: language, into: &html)
            }
            if let changes = facts.changes {
                html.element("h2", text: language("home.changes"))
                registryChanges(changes, language: language, into: &html)
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
        }
    }

    /// The last update's changes: how many records were added, removed and changed, and the first of each.
    func registryChanges(_ changes: LatestChanges, language: Language, into html: inout HTML) {
        let diff = changes.diff
        guard !diff.isEmpty else {
            html.element("p", text: language("home.changes.same", ["new": changes.newer, "old": changes.older]))
            return
        }
        html.element("p", text: language("home.changes.summary", ["new": changes.newer, "old": changes.older]))
        let groups: [(String, [RegistryEntry])] = [
            ("home.changes.added", diff.added), ("home.changes.removed", diff.removed), ("home.changes.changed", diff.changed.map(\.new)),
        ]
        html.element("div", ["class": "changes"]) { html in
            for (key, entries) in groups where !entries.isEmpty {
                html.element("section") { html in
                    html.element("h3", text: language(key, ["count": String(entries.count)]))
                    html.element("ul") { html in
                        for entry in entries.prefix(Self.changesShown) {
                            html.element("li") { html in
                                if let ports = entry.ports {
                                    html.element("a", ["href": "/\(language.code)/ports/\(ports)"], text: String(describing: ports))
                                    html.add(" ")
                                }
                                html.add(entry.serviceName ?? entry.description)
                                if let transport = entry.transport { html.add(" (\(transport.rawValue))") }
                                if entry.ports == nil { html.add(" " + language("home.changes.nameOnly")) }
                            }
                        }
                    }
                    if entries.count > Self.changesShown {
                        html.element("p", text: language("home.changes.more", ["count": String(entries.count - Self.changesShown)]))
                    }
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
    public func rangePage(_ range: PortRange, registry: AnswerSource?, atlas: PortAtlas? = nil, language: Language) -> String {
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
            if let atlas { atlasPart(atlas, range: range, language: language, into: &html) }
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
            paths += [
                prefix + "/", prefix + "/atlas", prefix + "/registry", prefix + "/ranges/system", prefix + "/ranges/user", prefix + "/ranges/dynamic",
            ]
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
