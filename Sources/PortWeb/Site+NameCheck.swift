import PortRegistry
import PortReport

extension Site {
    /// The name check: a form for a service name and, when one was given, whether RFC 6335 §5.1 allows it and
    /// whether the registry holds it already (compared case-insensitively), with the entries that hold it.
    public func nameCheckPage(_ check: ServiceName.Check?, registry: AnswerSource?, language: Language) -> String {
        let frame = Frame(
            title: language("checkName.title") + " — portatlas",
            description: language("checkName.lead"),
            path: "/check-name",
            registry: registry
        )
        return document(frame, language: language) { html in
            html.element("h1", text: language("checkName.title"))
            html.element("p", ["class": "lead"], text: language("checkName.lead"))
            html.element("form", ["action": "/\(language.code)/check-name", "method": "get", "class": "big-search"]) { html in
                html.element("label", ["for": "check-name"], text: language("checkName.label"))
                html.open(
                    "input",
                    [
                        "id": "check-name", "name": "name", "type": "text", "value": check?.name ?? "", "required": "", "autocomplete": "off",
                        "spellcheck": "false",
                    ]
                )
                html.element("button", ["type": "submit"], text: language("checkName.button"))
            }
            guard let check else { return }
            html.element("section", ["aria-labelledby": "check-result"]) { html in
                html.element("h2", ["id": "check-result"], text: language("checkName.result", ["name": check.name]))
                html.element("p", ["class": check.outcome == .free ? nil : "warning"]) { html in
                    html.element("strong", text: language("checkName.\(check.outcome.rawValue)", ["name": check.name]))
                }
                if !check.violations.isEmpty {
                    html.element("ul") { html in
                        for violation in check.violations { html.element("li", text: language("checkName.rule.\(violation.rawValue)")) }
                    }
                }
                if !check.holders.isEmpty {
                    html.element("p", text: language("checkName.holders"))
                    html.element("ul") { html in
                        for entry in check.holders {
                            html.element("li") { html in
                                let name = entry.serviceName ?? check.name
                                html.element("a", ["href": "/\(language.code)/services/\(name.addingPathEscapes)"], text: name)
                                html.add(" \(entry.ports?.description ?? "—")/\(entry.transport?.rawValue ?? "—")")
                                if !entry.description.isEmpty {
                                    html.add(" — ")
                                    html.element("span", ["lang": language.code == "en" ? nil : "en"], text: entry.description)
                                }
                            }
                        }
                    }
                }
            }
            html.element("p", text: language("checkName.rules"))
        }
    }
}
