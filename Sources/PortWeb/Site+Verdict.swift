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
                        reasonText(reason, language: language, into: &html)
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

    /// A reason in the page's language, from its message: `verdict.reason.<key>` with the values filled in. Values
    /// that are English data (IANA's descriptions, the knowledge's products and purposes) are marked as English on
    /// other pages; a message the strings do not have (this machine's reasons) is the English text, marked so.
    func reasonText(_ reason: PortVerdict.Reason, language: Language, into html: inout HTML) {
        let key = "verdict.reason.\(reason.message.key)"
        let marksEnglish = language.code != "en"
        guard language.has(key) else {
            html.element("span", ["lang": marksEnglish ? "en" : nil], text: reason.text)
            return
        }
        var values = reason.message.values
        if let range = reason.message["range"] {
            // The range's name and how IANA assigns in it: the site's own words for them.
            values.append(.init("range-title", language("range.\(range).title")))
            values.append(.init("range-assignment", language("range.\(range).assignment")))
        }
        var rest = Substring(language(key))
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            html.add(rest[..<open])
            let name = rest[rest.index(after: open)..<close]
            if let value = values.first(where: { $0.name == name }) {
                if value.isEnglish && marksEnglish {
                    html.element("span", ["lang": "en"], text: value.value)
                } else {
                    html.add(value.value)
                }
            } else {
                html.add(rest[open...close])
            }
            rest = rest[rest.index(after: close)...]
        }
        html.add(rest)
    }
}
