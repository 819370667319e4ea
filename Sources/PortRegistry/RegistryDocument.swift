/// A whole registry as read from one file: its header, its records in file order, its people table.
public struct RegistryDocument: Sendable, Hashable {
    public var metadata: RegistryMetadata
    public var entries: [RegistryEntry]
    public var people: [Person]

    public init(metadata: RegistryMetadata = RegistryMetadata(), entries: [RegistryEntry] = [], people: [Person] = []) {
        self.metadata = metadata
        self.entries = entries
        self.people = people
    }

    /// The registry's date: the one it states, or for a CSV (which states none) the latest date any record carries.
    public var effectiveUpdated: String? {
        if let updated = metadata.updated { return updated }
        return entries.lazy.flatMap { [$0.registrationDate, $0.modificationDate] }.compactMap { $0 }.max()
    }
}
