import PortRegistry

/// Builds an HTML document as text: every piece of text is escaped on the way in; markup is only what
/// the builder's own methods write.
public struct HTML: Sendable {
    /// The markup so far.
    public private(set) var text = ""

    public init() {
        text.reserveCapacity(8192)
    }

    /// Text content, escaped.
    public mutating func add(_ content: some StringProtocol) {
        Self.escape(content, into: &text)
    }

    /// An element holding escaped text.
    public mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text content: some StringProtocol) {
        open(tag, attributes)
        add(content)
        close(tag)
    }

    /// An element whose content `body` writes.
    public mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], _ body: (inout HTML) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// An opening tag; attributes with a `nil` value are left out, values are escaped.
    public mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        text += "<"
        text += tag.description
        for (name, value) in attributes {
            guard let value else { continue }
            text += " "
            text += name.description
            text += "=\""
            Self.escape(value, into: &text)
            text += "\""
        }
        text += ">"
    }

    /// A closing tag.
    public mutating func close(_ tag: StaticString) {
        text += "</"
        text += tag.description
        text += ">"
    }

    /// What another builder wrote: escaped on its way into that builder.
    public mutating func append(_ other: HTML) {
        text += other.text
    }

    /// Markup the caller vouches for: only constant strings.
    public mutating func raw(_ markup: StaticString) {
        text += markup.description
    }

    /// Escapes `&`, `<`, `>`, `"` and `'`.
    public static func escape(_ content: some StringProtocol, into out: inout String) {
        MarkupEscaping.escape(content, into: &out)
    }

    /// `content` escaped.
    public static func escaped(_ content: some StringProtocol) -> String { MarkupEscaping.escaped(content) }
}
