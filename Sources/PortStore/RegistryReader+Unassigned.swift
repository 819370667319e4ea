import PortRegistry

extension RegistryReader {
    /// The current version's explicit Unassigned rows, in registry order: where `suggest` picks ports from.
    public func unassignedEntries() throws(StoreError) -> [RegistryEntry] {
        try rows(
            """
            SELECT \(entryColumns) FROM entry
            WHERE versionId = (SELECT versionId FROM currentRegistry) AND service IS NULL AND description = 'Unassigned' COLLATE NOCASE
            ORDER BY ordinal
            """,
            [],
            Self.entry
        ).filter { $0.status == .unassigned }
    }
}
