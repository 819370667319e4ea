import Foundation
import GRDB
import PortRegistry

/// A registry entry as the store keeps it: the record, and which version and place in the file it came from.
public struct StoredEntry: Sendable, Hashable {
    /// The store's row id.
    public var id: Int64
    /// The registry version the entry belongs to.
    public var versionID: Int64
    /// The entry's place in the registry file, from 0.
    public var ordinal: Int
    /// The record itself.
    public var entry: RegistryEntry

    /// The columns of the `entry` table, named once.
    enum Columns {
        static let id = Column("id")
        static let versionID = Column("versionId")
        static let ordinal = Column("ordinal")
        static let service = Column("service")
        static let portStart = Column("portStart")
        static let portEnd = Column("portEnd")
        static let transport = Column("protocol")
    }
}

extension StoredEntry: FetchableRecord {
    public init(row: Row) throws {
        id = row["id"]
        versionID = row["versionId"]
        ordinal = row["ordinal"]
        var entry = RegistryEntry(description: row["description"])
        entry.serviceName = row["service"]
        if let start: Int = row["portStart"], let end: Int = row["portEnd"] {
            entry.ports = try PortSpan(start: UInt16(start), end: UInt16(end))
        }
        entry.transport = (row["protocol"] as String?).flatMap(TransportProtocol.init(rawValue:))
        entry.assignees = Self.ids(row["assignees"])
        entry.contacts = Self.ids(row["contacts"])
        entry.registrationDate = row["registrationDate"]
        entry.modificationDate = row["modificationDate"]
        if let references: String = row["refs"] {
            entry.references = try JSONDecoder().decode([Reference].self, from: Data(references.utf8))
        }
        entry.serviceCode = (row["serviceCode"] as Int64?).map { UInt32(truncatingIfNeeded: $0) }
        entry.unauthorizedUse = row["unauthorizedUse"]
        entry.notes = row["notes"]
        self.entry = entry
    }

    /// Person ids are kept one per line.
    static func ids(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}
