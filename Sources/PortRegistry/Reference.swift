import Foundation

/// A reference in the registry: an RFC, an Internet-Draft, a web address, a person, a footnote or free text.
///
/// In IANA's XML this is an `<xref type="…" data="…">` element; in its CSV, one bracketed item of the
/// Reference, Assignee or Contact column, such as `[RFC6335]`.
public struct Reference: Sendable, Hashable, Codable {
    /// What a reference points at.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case rfc, draft, uri, person, text, note
    }

    /// What the reference points at.
    public var kind: Kind
    /// The target as IANA writes it: `rfc6335`, a draft name, a URI, a person id or a footnote anchor.
    public var target: String?
    /// The reference's own text, when IANA gives one (a link text, or the whole of a free-text reference).
    public var text: String?
    /// A section of the target, such as `4.3`.
    public var section: String?

    public init(kind: Kind, target: String? = nil, text: String? = nil, section: String? = nil) {
        self.kind = kind
        self.target = target
        self.text = text
        self.section = section
    }

    /// The reference as one bracketed item, the way IANA's CSV and plain-text renderings write it:
    /// `[RFC6335]`, `[RFC6335, Section 8]`, `[1]`, `[Jon_Postel]`.
    public var bracketed: String { "[\(label)]" }

    /// The reference as a reader sees it: `RFC6335`, `draft-ietf-foo-01`, a link text, a person id.
    public var label: String {
        switch kind {
        case .rfc:
            let name = (target ?? "").uppercased()
            if let section { return "\(name), Section \(section)" }
            return text ?? name
        case .draft, .uri, .text:
            return text ?? target ?? ""
        case .person, .note:
            return target ?? text ?? ""
        }
    }

    /// A web address for the reference, where one follows from it.
    public var url: String? {
        switch kind {
        case .rfc:
            guard let target, target.lowercased().hasPrefix("rfc") else { return nil }
            let number = target.dropFirst(3)
            guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
            return "https://www.rfc-editor.org/rfc/rfc\(number)"
        case .draft:
            guard let target else { return nil }
            return "https://datatracker.ietf.org/doc/\(target)"
        case .uri:
            return target
        case .person, .text, .note:
            return nil
        }
    }

    /// Reads one bracketed item of IANA's CSV (without its brackets) back into a reference.
    ///
    /// The CSV keeps less than the XML: a link text stands without its address, so it becomes a text reference.
    public init(csvItem item: some StringProtocol) {
        let value = String(item)
        let upper = value.uppercased()
        if upper.hasPrefix("RFC"), let parsed = Self.rfc(value) {
            self = parsed
        } else if value.hasPrefix("draft-") {
            let parts = value.components(separatedBy: ", Section ")
            self.init(kind: .draft, target: parts[0], text: value, section: parts.count > 1 ? parts[1] : nil)
            if section == nil, text == target { text = nil }
        } else if !value.isEmpty, value.allSatisfy(\.isNumber) {
            self.init(kind: .note, target: value)
        } else if value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("ftp://") {
            self.init(kind: .uri, target: value)
        } else {
            self.init(kind: .text, text: value)
        }
    }

    private static func rfc(_ value: String) -> Reference? {
        let parts = value.components(separatedBy: ", Section ")
        let number = parts[0].dropFirst(3)
        guard !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
        return Reference(kind: .rfc, target: "rfc\(number)", section: parts.count > 1 ? parts[1] : nil)
    }
}
