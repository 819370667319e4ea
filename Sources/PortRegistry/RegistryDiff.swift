/// What changed between two versions of the registry, entry by entry.
public struct RegistryDiff: Sendable {
    /// Entries the newer version has and the older lacks.
    public var added: [RegistryEntry]
    /// Entries the older version had and the newer lacks.
    public var removed: [RegistryEntry]
    /// Entries in both whose columns differ: the older and the newer.
    public var changed: [(old: RegistryEntry, new: RegistryEntry)]

    /// Compares two lists of entries, matching them by name, ports and protocol.
    public init(from old: [RegistryEntry], to new: [RegistryEntry]) {
        var oldByKey: [RegistryEntry.Key: [RegistryEntry]] = [:]
        for entry in old { oldByKey[entry.key, default: []].append(entry) }
        added = []
        changed = []
        for entry in new {
            if var candidates = oldByKey[entry.key], !candidates.isEmpty {
                let previous = candidates.removeFirst()
                oldByKey[entry.key] = candidates
                if previous != entry { changed.append((previous, entry)) }
            } else {
                added.append(entry)
            }
        }
        let leftover = Set(oldByKey.values.flatMap { $0 })
        removed = old.filter { leftover.contains($0) }
    }

    /// Whether the two versions hold the same entries.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

}
