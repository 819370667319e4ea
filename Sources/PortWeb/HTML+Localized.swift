/// What fills a placeholder of a localized string when the page writes it as markup.
public enum Slot: Sendable {
    /// Text in the page's language, or in none (a number, a port).
    case text(String)
    /// Text that comes from IANA or the curated knowledge, in English: marked `lang="en"` on other pages.
    case english(String)
    /// A date, `YYYY-MM-DD` or `YYYY-MM`: a `<time>` that never wraps.
    case date(String)
    /// A link with text in the page's language or in none.
    case link(String, href: String)
}

extension HTML {
    /// The localized string `key` (in the form `count` takes, when given), its `{placeholders}` filled with
    /// `slots` as markup: English marked as such, dates kept whole, links.
    public mutating func say(_ language: Language, _ key: String, count: Int? = nil, _ slots: KeyValuePairs<String, Slot> = [:]) {
        var template = Substring(language.template(key, count: count))
        while let open = template.firstIndex(of: "{") {
            guard let close = template[open...].firstIndex(of: "}") else { break }
            let name = String(template[template.index(after: open)..<close])
            let slot: Slot? = name == "count" ? count.map { .text(String($0)) } : slots.first { $0.key == name }?.value
            guard let slot else {
                add(template[...close])
                template = template[template.index(after: close)...]
                continue
            }
            add(template[..<open])
            fill(slot, language)
            template = template[template.index(after: close)...]
        }
        add(template)
    }

    /// One slot's markup.
    public mutating func fill(_ slot: Slot, _ language: Language) {
        switch slot {
        case .text(let text): add(text)
        case .english(let text): english(text, language)
        case .date(let text): date(text)
        case .link(let text, let href): element("a", ["href": href], text: text)
        }
    }

    /// Text in English: as it is on an English page, in a `<span lang="en">` on any other.
    public mutating func english(_ text: some StringProtocol, _ language: Language) {
        guard language.code != "en", !text.isEmpty else { return add(text) }
        element("span", ["lang": "en"], text: text)
    }

    /// A date as a `<time>` (a valid `datetime` for `YYYY-MM-DD` and `YYYY-MM`), which the stylesheet keeps on one line.
    public mutating func date(_ text: String) {
        element("time", ["datetime": Self.isDate(text) ? text : nil], text: text)
    }

    /// `YYYY-MM-DD` or `YYYY-MM`, digits where digits go.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 7 || bytes.count == 10 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDash = index == 4 || index == 7
            guard isDash ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
        }
        return true
    }

    /// The `lang` attribute for an element whose content is all English: `"en"` on a page in another language.
    public static func englishAttribute(_ language: Language) -> String? {
        language.code == "en" ? nil : "en"
    }
}
