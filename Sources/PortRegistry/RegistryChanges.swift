/// What changed between two versions of the registry, by entry identity (`EntryIdentity`): entries added,
/// removed, changed (with the columns that changed), renamed and released. Pure: computed from two lists of
/// records, in the newer version's order.
public struct RegistryChanges: Sendable, Hashable {
    /// How an entry changed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// In the newer version only.
        case added
        /// In the older version only.
        case removed
        /// In both, with different columns.
        case changed
        /// The same ports and protocol under a new name, with the same registration date or a shared person.
        case renamed
        /// A named entry whose ports and protocol became a Reserved or Unassigned row.
        case released
    }

    /// One of IANA's twelve columns.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case serviceName, ports, transport, description, assignees, contacts, registrationDate, modificationDate
        case references, serviceCode, unauthorizedUse, notes

        /// The column as IANA's CSV titles it.
        public var title: String { RegistryCSV.columns[Self.allCases.firstIndex(of: self)!] }

        /// The column's value in `entry`, as IANA's CSV writes it.
        public func value(in entry: RegistryEntry) -> String {
            RegistryCSV.fields(entry)[Self.allCases.firstIndex(of: self)!]
        }

        /// Whether the column differs; references compare whole (a link's address too), not only as written.
        func differs(_ old: RegistryEntry, _ new: RegistryEntry) -> Bool {
            switch self {
            case .references: old.references != new.references
            case .ports: old.ports != new.ports || old.ports?.description != new.ports?.description
            default: value(in: old) != value(in: new)
            }
        }
    }

    /// One entry's change: the older record, the newer one, or both, and the columns that differ.
    public struct Change: Sendable, Hashable {
        public var kind: Kind
        public var old: RegistryEntry?
        public var new: RegistryEntry?
        /// The columns that differ between `old` and `new` (empty for an addition or a removal).
        public var fields: [Field]

        public init(kind: Kind, old: RegistryEntry?, new: RegistryEntry?) {
            self.kind = kind
            self.old = old
            self.new = new
            if let old, let new {
                fields = Field.allCases.filter { $0.differs(old, new) }
            } else {
                fields = []
            }
        }

        /// The entry's identity in the newer version, else in the older.
        public var identity: EntryIdentity { EntryIdentity((new ?? old)!) }

        /// The ports the change is about, for ordering: the newer record's, else the older's.
        public var ports: PortSpan? { new?.ports ?? old?.ports }
    }

    /// Every change, ordered by port (entries with no port last), then by identity.
    public var changes: [Change]

    /// Compares the records of an older version with a newer one.
    public init(from old: [RegistryEntry], to new: [RegistryEntry]) {
        // Group both sides by identity; within one identity, records pair up by ports first, then in order.
        var olds: [EntryIdentity: [RegistryEntry]] = [:]
        for entry in old { olds[EntryIdentity(entry), default: []].append(entry) }
        var changes: [Change] = []
        var added: [RegistryEntry] = []
        for entry in new {
            let identity = EntryIdentity(entry)
            guard var candidates = olds[identity], !candidates.isEmpty else {
                added.append(entry)
                continue
            }
            let index = candidates.firstIndex { $0.ports == entry.ports } ?? candidates.startIndex
            let previous = candidates.remove(at: index)
            olds[identity] = candidates
            if !Self.same(previous, entry) { changes.append(Change(kind: .changed, old: previous, new: entry)) }
        }
        var removed: [RegistryEntry] = []
        for entry in old {
            let identity = EntryIdentity(entry)
            if var left = olds[identity], let index = left.firstIndex(where: { Self.same($0, entry) }) {
                left.remove(at: index)
                olds[identity] = left
                removed.append(entry)
            }
        }
        // Renames and releases: a removed named record paired with an added record on the same ports and protocol.
        var unpairedAdded = added
        for entry in removed {
            guard entry.serviceName != nil else {
                changes.append(Change(kind: .removed, old: entry, new: nil))
                continue
            }
            let samePlace = { (candidate: RegistryEntry) in candidate.ports == entry.ports && candidate.transport == entry.transport }
            if let index = unpairedAdded.firstIndex(where: { samePlace($0) && $0.serviceName != nil && Self.plausiblyRenamed(entry, $0) }) {
                changes.append(Change(kind: .renamed, old: entry, new: unpairedAdded.remove(at: index)))
            } else if let index = unpairedAdded.firstIndex(where: { samePlace($0) && $0.status != .assigned }) {
                changes.append(Change(kind: .released, old: entry, new: unpairedAdded.remove(at: index)))
            } else {
                changes.append(Change(kind: .removed, old: entry, new: nil))
            }
        }
        changes += unpairedAdded.map { Change(kind: .added, old: nil, new: $0) }
        self.changes = changes.sorted { lhs, rhs in
            switch (lhs.ports, rhs.ports) {
            case (let l?, let r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return lhs.identity < rhs.identity
            }
        }
    }

    /// The changes of one kind.
    public func changes(_ kind: Kind) -> [Change] { changes.filter { $0.kind == kind } }

    /// How many changes of each kind, in `Kind`'s order.
    public var counts: [(kind: Kind, count: Int)] { Kind.allCases.map { kind in (kind, changes.lazy.filter { $0.kind == kind }.count) } }

    /// Whether the two versions hold the same entries.
    public var isEmpty: Bool { changes.isEmpty }

    /// Equal records, and the same written form of their ports.
    private static func same(_ lhs: RegistryEntry, _ rhs: RegistryEntry) -> Bool {
        lhs == rhs && lhs.ports?.description == rhs.ports?.description
    }

    private static func plausiblyRenamed(_ old: RegistryEntry, _ new: RegistryEntry) -> Bool {
        if let date = old.registrationDate, date == new.registrationDate { return true }
        let people = Set(old.assignees + old.contacts)
        return !people.isDisjoint(with: new.assignees + new.contacts)
    }
}
