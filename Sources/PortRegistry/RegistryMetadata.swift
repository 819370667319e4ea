/// What the registry says about itself: title, date, experts, notes and footnotes.
public struct RegistryMetadata: Sendable, Hashable, Codable {
    /// A note of the registry's header, with its title when it has one.
    public struct Note: Sendable, Hashable, Codable {
        public var title: String?
        public var text: String
        public init(title: String? = nil, text: String) {
            self.title = title
            self.text = text
        }
    }

    /// A footnote that records refer to with a `note` reference.
    public struct Footnote: Sendable, Hashable, Codable {
        public var anchor: String
        public var text: String
        public init(anchor: String, text: String) {
            self.anchor = anchor
            self.text = text
        }
    }

    /// The registry's title.
    public var title: String
    /// The registry's category.
    public var category: String?
    /// The date IANA last updated the registry, `YYYY-MM-DD`.
    public var updated: String?
    /// The registry's own references, such as RFC 6335.
    public var references: [Reference]
    /// The designated experts, as IANA writes them.
    public var experts: String?
    /// The header notes.
    public var notes: [Note]
    /// The footnotes.
    public var footnotes: [Footnote]

    /// The registry's name as IANA titles it.
    public static let registryTitle = "Service Name and Transport Protocol Port Number Registry"

    public init(
        title: String = registryTitle,
        category: String? = nil,
        updated: String? = nil,
        references: [Reference] = [],
        experts: String? = nil,
        notes: [Note] = [],
        footnotes: [Footnote] = []
    ) {
        self.title = title
        self.category = category
        self.updated = updated
        self.references = references
        self.experts = experts
        self.notes = notes
        self.footnotes = footnotes
    }
}
