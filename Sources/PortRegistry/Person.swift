/// One row of the registry's people table: who an assignee or contact id stands for.
public struct Person: Sendable, Hashable {
    /// The id that records refer to, such as `Jon_Postel`.
    public var id: String
    /// The person's or body's name.
    public var name: String?
    /// The organisation.
    public var organization: String?
    /// The contact address exactly as IANA publishes it, with `&` standing for `@` in mail addresses.
    public var uri: String?
    /// When IANA last updated the row.
    public var updated: String?

    public init(id: String, name: String? = nil, organization: String? = nil, uri: String? = nil, updated: String? = nil) {
        self.id = id
        self.name = name
        self.organization = organization
        self.uri = uri
        self.updated = updated
    }

    /// The contact address with IANA's `&` turned back into `@`, as a reader would type it.
    public var contactAddress: String? {
        guard let uri else { return nil }
        guard uri.hasPrefix("mailto:") else { return uri }
        return String(uri.map { $0 == "&" ? "@" : $0 })
    }
}
