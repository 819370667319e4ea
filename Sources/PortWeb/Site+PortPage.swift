import PortKnowledge
import PortListeners
import PortRegistry
import PortReport
import PortStore

extension Site {
    /// The "What port N is" page: every section of the report, then the vote form and its tally.
    /// - Parameters:
    ///   - votes: the page's tally; `nil` when the votes cannot be reached, and the form says voting is paused.
    ///   - block: the port's block of the atlas (`atlasBlock(_:containing:language:)`), shown beside the
    ///     neighbours table; `nil` leaves it out.
    ///   - voted: a note to show after a vote (`recorded`, `limited`), or `nil`.
    public func portPage(_ report: WhatPortIs, votes: VoteTally?, block: AtlasBlock? = nil, language: Language, voted: String? = nil) -> String {
        let port = report.port
        let registry = report.registry
        let names = registry.entries.compactMap(\.serviceName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let summary: String =
            registry.isListed
            ? (names.isEmpty
                ? language(
                    "port.summary.listedUnnamed",
                    ["port": String(port), "status": language("entry.status.\(registry.entries[0].status.rawValue)")]
                )
                : language("port.summary.listed", ["port": String(port), "names": names.joined(separator: ", ")]))
            : language("port.summary.unlisted", ["port": String(port), "date": registry.source.updated ?? "—"])
        let frame = Frame(
            title: language("port.title", ["port": String(port)]) + " — portatlas",
            description: summary,
            path: "/ports/\(port)",
            registry: registry.source
        )
        return document(frame, language: language) { html in
            html.element("h1", text: language("port.title", ["port": String(port)]))
            html.element("p", ["class": "lead"], text: summary)

            // §1
            html.element("section", ["aria-labelledby": "registry"]) { html in
                html.element("h2", ["id": "registry"], text: language("section.registry"))
                if registry.entries.isEmpty {
                    html.element("p") { html in
                        html.say(
                            language,
                            "port.unlisted",
                            ["port": .text(String(port)), "date": registry.source.updated.map(Slot.date) ?? .text("—")]
                        )
                    }
                } else {
                    entries(EntryText.groups(registry.entries), people: registry.people, level: .h3, language: language, into: &html)
                }
                for use in report.uses where !use.collidesWith.isEmpty {
                    html.element("p", ["class": "note"]) { html in
                        html.say(
                            language,
                            "port.collision",
                            [
                                "port": .text(String(port)), "names": .text(use.collidesWith.joined(separator: ", ")),
                                "product": .english(use.fact.product),
                            ]
                        )
                        footnote(use.cited.footnote, language: language, into: &html)
                    }
                }
                if case .registry = registry.source {
                    html.element("p", ["class": "history"]) { html in
                        html.element("a", ["href": "/\(language.code)/ports/\(port)/history"], text: language("history.link"))
                    }
                }
            }

            // §2
            html.element("section", ["aria-labelledby": "range"]) { html in
                html.element("h2", ["id": "range"], text: language("section.range"))
                html.element("p") { html in
                    html.element(
                        "a",
                        ["href": "/\(language.code)/ranges/\(report.range.rawValue)"],
                        text: language("range.\(report.range.rawValue).title")
                    )
                    html.add(", \(report.range.start)–\(report.range.end). ")
                    html.add(language("range.\(report.range.rawValue).assignment"))
                }
                html.element("p", text: language("range.ephemeral.intro"))
                html.element("ul") { html in
                    for item in report.ephemeralRanges {
                        html.element("li") { html in
                            html.english(item.range.system, language)
                            html.add(
                                " \(item.range.start)–\(item.range.end): "
                                    + language(item.containsPort ? "range.ephemeral.yes" : "range.ephemeral.no")
                            )
                        }
                    }
                }
                if let popularity = report.popularity {
                    html.element("p", text: language("range.popularity.intro", ["source": popularity.source]))
                    html.element("ul") { html in
                        for (name, rank) in [("TCP", popularity.frequencies.tcp), ("UDP", popularity.frequencies.udp)] {
                            guard let rank else {
                                html.element("li", text: language("range.popularity.unlisted", ["protocol": name]))
                                continue
                            }
                            html.element(
                                "li",
                                text: language(
                                    "range.popularity.rank",
                                    [
                                        "protocol": name, "percent": PortPopularity.percent(rank.frequency),
                                        "rank": String(rank.rank), "of": String(rank.of), "service": rank.service,
                                    ]
                                )
                            )
                        }
                    }
                }
            }

            // §3
            html.element("section", ["aria-labelledby": "uses"]) { html in
                html.element("h2", ["id": "uses"], text: language("section.uses"))
                if report.uses.isEmpty && report.browserBlock == nil {
                    html.element("p", text: language("uses.none", ["port": String(port)]))
                }
                if !report.uses.isEmpty {
                    html.element("ul", ["class": "uses"]) { html in
                        for use in report.uses {
                            html.element("li") { html in
                                productName(use.fact.product, language: language, into: &html)
                                html.add(" — ")
                                html.english(use.fact.purpose, language)
                                html.add(" (\(use.fact.portsLabel))")
                                footnote(use.cited.footnote, language: language, into: &html)
                                if !use.fact.patterns.isEmpty {
                                    html.element("p") { html in
                                        html.add(language("uses.traffic") + " ")
                                        html.english(use.fact.patterns.joined(separator: "; "), language)
                                        html.add(".")
                                    }
                                }
                                if let note = use.fact.note { html.element("p", ["lang": HTML.englishAttribute(language)], text: note) }
                                if !use.collidesWith.isEmpty {
                                    html.element(
                                        "p",
                                        ["class": "warning"],
                                        text: language("uses.collides", ["names": use.collidesWith.joined(separator: ", ")])
                                    )
                                }
                            }
                        }
                    }
                }
                if let block = report.browserBlock {
                    html.element("p") { html in
                        html.add(language("uses.browserBlocked", ["port": String(port)]))
                        footnote(block.footnote, language: language, into: &html)
                    }
                }
            }

            // §4
            html.element("section", ["aria-labelledby": "neighbours"]) { neighbours(report, block: block, language: language, into: &$0) }

            // §5
            html.element("section", ["aria-labelledby": "security"]) { html in
                html.element("h2", ["id": "security"], text: language("section.security"))
                for item in report.security.unauthorizedUse {
                    html.element("p", ["class": "warning"]) { html in
                        html.say(
                            language,
                            "security.iana",
                            ["text": .english(item.text), "service": .text(item.service), "protocols": .text(item.transport)]
                        )
                    }
                }
                for item in report.security.historical {
                    html.element("p") { html in
                        html.say(
                            language,
                            "security.historical",
                            ["product": .english(item.fact.product), "ports": .text(item.fact.portsLabel), "purpose": .english(item.fact.purpose)]
                        )
                        footnote(item.footnote, language: language, into: &html)
                    }
                }
                if report.security.unauthorizedUse.isEmpty && report.security.historical.isEmpty {
                    html.element("p", text: language("security.none", ["port": String(port)]))
                }
                html.element("p", text: language("security.advice"))
            }

            if let verdict = report.verdict { verdictSection(verdict, language: language, into: &html) }

            // §6: a web page cannot see the reader's machine, so it teaches the commands.
            html.element("section", ["aria-labelledby": "check"]) { html in
                html.element("h2", ["id": "check"], text: language("section.check", ["port": String(port)]))
                html.element("p", text: language("check.intro", ["port": String(port)]))
                html.element("dl", ["class": "commands"]) { html in
                    for check in report.manualChecks {
                        html.element("dt", text: check.system)
                        html.element("dd") { html in
                            for (index, command) in check.commands.enumerated() {
                                if index > 0 { html.raw("<br>") }
                                html.element("code", text: command)
                            }
                        }
                    }
                }
            }

            // §7
            html.element("section", ["aria-labelledby": "sources"]) { html in
                html.element("h2", ["id": "sources"], text: language("section.sources"))
                html.element("p") { html in
                    html.add(language("sources.registry") + " ")
                    source(registry.source, language: language, into: &html)
                }
                if !report.sources.isEmpty {
                    html.element("ol") { html in
                        for footnote in report.sources {
                            html.element("li", ["id": "source-\(footnote.number)"]) { html in
                                citation(footnote.citation, language: language, into: &html)
                            }
                        }
                    }
                }
            }

            voteForm(port: port, votes: votes, language: language, voted: voted, into: &html)
        }
    }

    /// §4: the ports around this one as a table, the registry's clusters and the vendors'.
    func neighbours(_ report: WhatPortIs, block: AtlasBlock?, language: Language, into html: inout HTML) {
        let port = report.port
        html.element("h2", ["id": "neighbours"], text: language("section.neighbours"))
        let caption = language("neighbours.caption", ["port": String(port)])
        html.open("div", ["class": block == nil ? nil : "neighbourhood"])
        if let block { atlasNeighbourhood(block, port: port, language: language, into: &html) }
        html.element("div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": caption]) { html in
            html.element("table", ["class": "cards neighbours"]) { html in
                html.element("caption", text: caption)
                html.element("thead") { html in
                    html.element("tr") { html in
                        for key in ["neighbours.port", "neighbours.service", "neighbours.description", "neighbours.uses"] {
                            html.element("th", ["scope": "col"], text: language(key))
                        }
                    }
                }
                html.element("tbody") { html in
                    for neighbour in report.neighbours {
                        html.element("tr", ["class": neighbour.isPort ? "current" : nil, "aria-current": neighbour.isPort ? "true" : nil]) {
                            html in
                            html.element("th", ["scope": "row"]) { Site.portLink(neighbour.port, language, &$0) }
                            let name =
                                neighbour.services.isEmpty
                                ? language(neighbour.status.map { "entry.status.\($0.rawValue)" } ?? "neighbours.notListed")
                                : neighbour.services.joined(separator: ", ")
                            let english = HTML.englishAttribute(language)
                            html.element("td", ["data-label": language("neighbours.service")], text: name)
                            html.element(
                                "td",
                                ["data-label": language("neighbours.description"), "lang": neighbour.description == nil ? nil : english],
                                text: neighbour.description ?? ""
                            )
                            html.element(
                                "td",
                                ["data-label": language("neighbours.uses"), "lang": neighbour.uses.isEmpty ? nil : english],
                                text: neighbour.uses.joined(separator: ", ")
                            )
                        }
                    }
                }
            }
        }
        html.close("div")
        for cluster in report.registryClusters {
            let label: Slot = cluster.basis == .nameStem ? .text(cluster.label) : .english(cluster.label)
            html.element("p") { html in
                html.say(
                    language,
                    "clusters.registry.\(cluster.basis.rawValue)",
                    [
                        "label": label,
                        "start": .text(String(cluster.ports.start)), "end": .text(String(cluster.ports.end)),
                        "services": .text(cluster.services.joined(separator: ", ")),
                    ]
                )
            }
        }
        for cluster in report.vendorClusters {
            html.element("p") { html in
                html.say(
                    language,
                    "clusters.vendor",
                    ["name": .english(cluster.name), "start": .text(String(cluster.ports.start)), "end": .text(String(cluster.ports.end))]
                )
                for number in cluster.footnotes { footnote(number, language: language, into: &html) }
            }
            html.element("ul") { html in
                for member in cluster.members {
                    html.element("li") { html in
                        Site.portLink(member.ports.start, language, &html)
                        html.add(" — ")
                        html.english(member.purpose, language)
                    }
                }
            }
        }
    }

    /// A cited document: its title (in English, as its publisher gives it) linked to it, and the day it was read.
    func citation(_ citation: Citation, language: Language, into html: inout HTML) {
        html.element("a", ["href": citation.url, "rel": "external", "lang": HTML.englishAttribute(language)], text: citation.title)
        html.add(" ")
        html.say(language, "sources.retrieved", ["date": .date(citation.retrieved)])
    }

    func voteForm(port: UInt16, votes: VoteTally?, language: Language, voted: String?, into html: inout HTML) {
        html.element("section", ["class": "vote", "aria-labelledby": "vote"]) { html in
            html.element("h2", ["id": "vote"], text: language("vote.question"))
            if let voted {
                html.element("p", ["class": "thanks", "role": "status"], text: language("vote.\(voted)"))
            }
            guard let votes else {
                // The votes' database is away: no form that could not be answered, and no stale tally.
                html.element("p", ["class": "paused"], text: language("vote.paused"))
                return
            }
            html.element("form", ["method": "post", "action": "/\(language.code)/ports/\(port)/vote"]) { html in
                html.element("label", ["for": "comment"], text: language("vote.comment"))
                html.element("textarea", ["id": "comment", "name": "comment", "maxlength": "500", "rows": "2"], text: "")
                html.element("div", ["class": "buttons"]) { html in
                    html.element("button", ["type": "submit", "name": "helpful", "value": "yes"], text: language("vote.yes"))
                    html.element("button", ["type": "submit", "name": "helpful", "value": "no"], text: language("vote.no"))
                }
            }
            html.element("p", ["class": "tally", "id": "tally"], text: language("vote.tally", ["yes": String(votes.yes), "no": String(votes.no)]))
        }
    }
}
