import PortKnowledge
import PortListeners
import PortRegistry
import PortReport
import PortStore

extension Site {
    /// The "What port N is" page: every section of the report, then the vote form and its tally.
    /// - Parameter voted: a note to show after a vote (`recorded`, `limited`), or `nil`.
    public func portPage(_ report: WhatPortIs, votes: VoteTally, language: Language, voted: String? = nil) -> String {
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
                    html.element("p", text: language("port.unlisted", ["port": String(port), "date": registry.source.updated ?? "—"]))
                } else {
                    entries(registry.entries, people: registry.people, language: language, into: &html)
                }
                for use in report.uses where !use.collidesWith.isEmpty {
                    html.element("p", ["class": "note"]) { html in
                        html.add(
                            language(
                                "port.collision",
                                ["port": String(port), "names": use.collidesWith.joined(separator: ", "), "product": use.fact.product]
                            )
                        )
                        footnote(use.cited.footnote, into: &html)
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
                        html.element(
                            "li",
                            text: "\(item.range.system) \(item.range.start)–\(item.range.end): "
                                + language(item.containsPort ? "range.ephemeral.yes" : "range.ephemeral.no")
                        )
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
                                html.add(" — \(use.fact.purpose) (\(use.fact.portsLabel))")
                                footnote(use.cited.footnote, into: &html)
                                if !use.fact.patterns.isEmpty {
                                    html.element("p", text: language("uses.traffic") + " " + use.fact.patterns.joined(separator: "; ") + ".")
                                }
                                if let note = use.fact.note { html.element("p", text: note) }
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
                        footnote(block.footnote, into: &html)
                    }
                }
            }

            // §4
            html.element("section", ["aria-labelledby": "neighbours"]) { html in
                html.element("h2", ["id": "neighbours"], text: language("section.neighbours"))
                html.element("table") { html in
                    html.element("caption", text: language("neighbours.caption", ["port": String(port)]))
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
                                html.element("td", text: name)
                                html.element("td", text: neighbour.description ?? "")
                                html.element("td", text: neighbour.uses.joined(separator: ", "))
                            }
                        }
                    }
                }
                for cluster in report.registryClusters {
                    html.element(
                        "p",
                        text: language(
                            "clusters.registry.\(cluster.basis.rawValue)",
                            [
                                "label": cluster.label, "start": String(cluster.ports.start), "end": String(cluster.ports.end),
                                "services": cluster.services.joined(separator: ", "),
                            ]
                        )
                    )
                }
                for cluster in report.vendorClusters {
                    html.element("p") { html in
                        html.add(
                            language(
                                "clusters.vendor",
                                ["name": cluster.name, "start": String(cluster.ports.start), "end": String(cluster.ports.end)]
                            )
                        )
                        for number in cluster.footnotes { footnote(number, into: &html) }
                    }
                    html.element("ul") { html in
                        for member in cluster.members {
                            html.element("li") { html in
                                Site.portLink(member.ports.start, language, &html)
                                html.add(" — \(member.purpose)")
                            }
                        }
                    }
                }
            }

            // §5
            html.element("section", ["aria-labelledby": "security"]) { html in
                html.element("h2", ["id": "security"], text: language("section.security"))
                for item in report.security.unauthorizedUse {
                    html.element(
                        "p",
                        ["class": "warning"],
                        text: language("security.iana", ["text": item.text, "service": item.service, "protocols": item.transport])
                    )
                }
                for item in report.security.historical {
                    html.element("p") { html in
                        html.add(
                            language(
                                "security.historical",
                                ["product": item.fact.product, "ports": item.fact.portsLabel, "purpose": item.fact.purpose]
                            )
                        )
                        footnote(item.footnote, into: &html)
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
                html.element("p", text: language("sources.registry", ["summary": registry.source.summary]))
                if !report.sources.isEmpty {
                    html.element("ol") { html in
                        for footnote in report.sources {
                            html.element("li", ["id": "source-\(footnote.number)"]) { html in
                                html.element("a", ["href": footnote.citation.url, "rel": "external"], text: footnote.citation.title)
                                html.add(" " + language("sources.retrieved", ["date": footnote.citation.retrieved]))
                            }
                        }
                    }
                }
            }

            voteForm(port: port, votes: votes, language: language, voted: voted, into: &html)
        }
    }

    func footnote(_ number: Int, into html: inout HTML) {
        html.open("sup")
        html.element("a", ["href": "#source-\(number)", "aria-label": "source \(number)"], text: "[\(number)]")
        html.close("sup")
    }

    func voteForm(port: UInt16, votes: VoteTally, language: Language, voted: String?, into html: inout HTML) {
        html.element("section", ["class": "vote", "aria-labelledby": "vote"]) { html in
            html.element("h2", ["id": "vote"], text: language("vote.question"))
            if let voted {
                html.element("p", ["class": "thanks", "role": "status"], text: language("vote.\(voted)"))
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
