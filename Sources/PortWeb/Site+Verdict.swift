import PortAdvice

extension Site {
    /// "Should you pick N for a new app?": the verdict from what holds everywhere, each reason with its source
    /// and date; the machine's own reasons are `portatlas check`'s.
    func verdictSection(_ verdict: PortVerdict, language: Language, into html: inout HTML) {
        let port = String(verdict.port)
        html.element("section", ["aria-labelledby": "verdict"]) { html in
            html.element("h2", ["id": "verdict"], text: language("verdict.title", ["port": port]))
            html.element("p", ["class": verdict.level == .good ? nil : "warning"]) { html in
                html.element("strong", text: language("verdict.\(verdict.level.name)", ["port": port]))
            }
            html.element("ul") { html in
                for reason in verdict.reasons where !reason.isLocal {
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
