import PortRegistry
import PortReport
import PortStore

extension Site {
    /// `/registry/changes`: what changed between two registry versions, grouped by kind, each change with its
    /// port, protocol, name and the columns that changed (old → new), and links to the other pairs of versions.
    public func changesPage(
        _ changes: RegistryChanges,
        old: RegistryVersion,
        new: RegistryVersion,
        versions: [RegistryVersion],
        source: AnswerSource,
        language: Language
    ) -> String {
        let path = "/registry/changes/\(old.id)..\(new.id)"
        let title = language("changes.title", ["old": old.updated ?? String(old.id), "new": new.updated ?? String(new.id)])
        let frame = Frame(title: title + " — portatlas", description: language("changes.description"), path: path, registry: source)
        return document(frame, language: language) { html in
            html.element("h1", text: title)
            html.element("p", text: language("changes.lead", ["old": String(old.id), "new": String(new.id)]))
            html.element("p", text: changes.isEmpty ? language("changes.none") : Self.counts(changes, language: language))
            for kind in [RegistryChanges.Kind.added, .renamed, .released, .changed, .removed] {
                let group = changes.changes(kind)
                guard !group.isEmpty else { continue }
                html.element("section", ["class": "changes"]) { html in
                    html.element("h2", text: language("changes.kind.\(kind.rawValue)") + " (\(group.count))")
                    changeTable(group, language: language, into: &html)
                }
            }
            if versions.count > 2 {
                html.element("h2", text: language("changes.otherVersions"))
                html.element("ul") { html in
                    for (older, newer) in zip(versions, versions.dropFirst()) {
                        html.element("li") { html in
                            html.element(
                                "a",
                                ["href": "/\(language.code)/registry/changes/\(older.id)..\(newer.id)"],
                                text: "\(older.updated ?? String(older.id)) → \(newer.updated ?? String(newer.id))"
                            )
                        }
                    }
                }
            }
        }
    }

    /// `/registry/changes` while the store holds fewer than two versions: the page says so.
    public func changesUnavailablePage(versions: Int, source: AnswerSource?, language: Language) -> String {
        let frame = Frame(
            title: language("changes.link") + " — portatlas",
            description: language("changes.description"),
            path: "/registry/changes",
            registry: source
        )
        return document(frame, language: language) { html in
            html.element("h1", text: language("changes.link"))
            html.element("p", text: language("changes.needTwo", ["count": String(versions)]))
        }
    }

    /// `/ports/N/history`: the port in every imported version, and what changed there from one to the next.
    public func portHistoryPage(_ steps: [PortHistoryStep], port: PortSpan, source: AnswerSource, language: Language) -> String {
        let title = language("history.title", ["port": port.description])
        let frame = Frame(title: title + " — portatlas", description: title, path: "/ports/\(port)/history", registry: source)
        return document(frame, language: language) { html in
            html.element("h1", text: title)
            html.element("p") { html in
                html.element("a", ["href": "/\(language.code)/ports/\(port)"], text: language("history.back", ["port": port.description]))
            }
            for step in steps.reversed() {
                html.element("section", ["class": "changes"]) { html in
                    html.element(
                        "h2",
                        text: "\(step.version.updated ?? language("footer.undated")) (\(language("history.version")) \(step.version.id))"
                    )
                    if let changes = step.changes, changes.isEmpty {
                        html.element("p", text: language("history.unchanged"))
                    } else if let changes = step.changes {
                        changeTable(changes.changes, language: language, into: &html)
                    } else if step.entries.isEmpty {
                        html.element("p", text: language("history.notListed"))
                    } else {
                        html.element("ul") { html in
                            for entry in step.entries {
                                html.element("li", text: "\(Self.place(entry)) \(entry.serviceName ?? "") — \(entry.description)")
                            }
                        }
                    }
                }
            }
        }
    }

    func changeTable(_ changes: [RegistryChanges.Change], language: Language, into html: inout HTML) {
        html.element("table", ["class": "changes"]) { html in
            html.element("thead") { html in
                html.element("tr") { html in
                    for key in ["changes.kind", "neighbours.port", "entry.service", "changes.columns"] {
                        html.element("th", ["scope": "col"], text: language(key))
                    }
                }
            }
            html.element("tbody") { html in
                for change in changes {
                    let entry = (change.new ?? change.old)!
                    html.element("tr") { html in
                        html.element("td", text: language("changes.kind.\(change.kind.rawValue)"))
                        html.element("td") { html in
                            if let ports = entry.ports {
                                html.element(
                                    "a",
                                    [
                                        "href":
                                            "/\(language.code)/ports/\(ports.start == ports.end ? "\(ports.start)" : "\(ports.start)-\(ports.end)")"
                                    ],
                                    text: Self.place(entry)
                                )
                            } else {
                                html.add(Self.place(entry))
                            }
                        }
                        html.element("td") { html in
                            let oldName = change.old.map { $0.serviceName ?? $0.description }
                            let newName = change.new.map { $0.serviceName ?? $0.description }
                            switch change.kind {
                            case .renamed, .released: html.add("\(oldName ?? "") → \(newName ?? "")")
                            default: html.add(newName ?? oldName ?? "")
                            }
                        }
                        html.element("td") { html in
                            guard !change.fields.isEmpty, let old = change.old, let new = change.new else {
                                html.add(entry.serviceName == nil ? "" : entry.description)
                                return
                            }
                            html.element("dl") { html in
                                for field in change.fields {
                                    html.element("dt", text: field.title)
                                    html.element("dd") { html in
                                        html.element("del", text: field.value(in: old).isEmpty ? "—" : field.value(in: old))
                                        html.add(" → ")
                                        html.element("ins", text: field.value(in: new).isEmpty ? "—" : field.value(in: new))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func place(_ entry: RegistryEntry) -> String {
        "\(entry.ports?.description ?? "—")/\(entry.transport?.rawValue ?? "—")"
    }

    static func counts(_ changes: RegistryChanges, language: Language) -> String {
        changes.counts.filter { $0.count > 0 }.map { language("changes.count.\($0.kind.rawValue)", ["count": String($0.count)]) }
            .joined(separator: ", ")
    }
}
