import PortRegistry

/// One version's entries for one port, and what changed there since the version before.
public struct PortHistoryStep: Sendable, Hashable {
    public var version: RegistryVersion
    /// The version's entries that cover the port, in registry order.
    public var entries: [RegistryEntry]
    /// What changed at the port since the previous version; `nil` for the first version.
    public var changes: RegistryChanges?
}

extension RegistryReader {
    /// The version a person names: its number (`3`, as `registry --all` lists it) or its registry date
    /// (`2025-08-26`; the latest import of that date).
    /// - Throws: `VersionError.unknownVersion` naming it and the versions there are.
    public func version(named name: String) throws -> RegistryVersion {
        let all = try versions()
        let found = Int64(name).flatMap { id in all.first { $0.id == id } } ?? all.last { $0.updated == name }
        guard let found else {
            throw VersionError.unknownVersion(name, known: all.map { "\($0.id) (\($0.updated ?? "undated"))" })
        }
        return found
    }

    /// The two versions `diff` compares: those named, or by default the two latest imports.
    /// - Throws: `VersionError.tooFewVersions`, `.unknownVersion`.
    public func comparedVersions(old: String?, new: String?) throws -> (RegistryVersion, RegistryVersion) {
        let all = try versions()
        let newer = try new.map { name throws in try version(named: name) } ?? all.last
        let older =
            try old.map { name throws in try version(named: name) }
            ?? all.last { $0.id < (newer?.id ?? 0) }
        guard let older, let newer else { throw VersionError.tooFewVersions(all.count) }
        return (older, newer)
    }

    /// What changed between two versions, entry by entry.
    public func changes(from old: RegistryVersion, to new: RegistryVersion) throws(StoreError) -> RegistryChanges {
        RegistryChanges(from: try allEntries(version: old.id), to: try allEntries(version: new.id))
    }

    /// A version's entries that share a port with `span`, in registry order.
    public func entries(overlapping span: PortSpan, version id: Int64) throws(StoreError) -> [RegistryEntry] {
        try rows(
            """
            SELECT \(entryColumns) FROM entry WHERE id IN (
                SELECT entryId FROM portCoverage WHERE versionId = ? AND port BETWEEN ? AND ?)
            ORDER BY ordinal
            """,
            [.int(id), .int(Int64(span.start)), .int(Int64(span.end))],
            Self.entry
        )
    }

    /// The port's timeline: every imported version, oldest first, with its entries at the port and what
    /// changed there since the version before.
    public func history(of span: PortSpan) throws(StoreError) -> [PortHistoryStep] {
        var steps: [PortHistoryStep] = []
        for version in try versions() {
            let entries = try entries(overlapping: span, version: version.id)
            let changes = steps.last.map { RegistryChanges(from: $0.entries, to: entries) }
            steps.append(PortHistoryStep(version: version, entries: entries, changes: changes))
        }
        return steps
    }
}
