import PortAdvice

extension Site {
    /// "Should you pick N for a new app?": the verdict from what holds everywhere, each reason with its source
    /// and date (the known uses counted, as the page lists them); the machine's own reasons are `portatlas check`'s.
    func verdictSection(_ verdict: PortVerdict, language: Language, into html: inout HTML) {
        let port = String(verdict.port)
        html.element("section", ["aria-labelledby": "verdict"]) { html in
            html.element("h2", ["id": "verdict"], text: language("verdict.title", ["port": port]))
            html.element("p", ["class": verdict.level == .good ? nil : "warning"]) { html in
                html.element("strong", text: language("verdict.\(verdict.level.name)", ["port": port]))
            }
            // Known uses are the page's own section: one line counts them, the rest are listed.
            let uses = verdict.reasons.filter { $0.kind == .knownUse }
            html.element("ul") { html in
                if !uses.isEmpty {
                    html.element("li") { html in
                        html.element("strong", text: language("verdict.level.warnings") + ": ")
                        html.element("a", ["href": "#uses"], text: language("verdict.uses", ["count": String(uses.count), "port": port]))
                    }
                }
                for reason in verdict.reasons where !reason.isLocal && reason.kind != .knownUse {
                    html.element("li") { html in
                        html.element("strong", text: language("verdict.level.\(reason.level.name)") + ": ")
                        // The reasons are composed in English: said so, for screen readers and translators.
                        html.element("span", ["lang": language.code == "en" ? nil : "en"], text: reason.text)
                        html.add(" — ")
                        let source = reason.source + (reason.date.map { ", \($0)" } ?? "")
                        if let url = reason.url {
                            html.element("a", ["href": url, "rel": "external"], text: language("verdict.source", ["source": source]))
                        } else {
                            html.add(language("verdict.source", ["source": source]))
                        }
                    }
                }
            }
            html.element("p", text: language("verdict.machine", ["port": port]))
        }
    }
}
