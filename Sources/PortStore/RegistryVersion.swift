import Foundation
import GRDB
import PortRegistry

/// One imported copy of the registry: where it came from, when, its fingerprint, and what it says about itself.
public struct RegistryVersion: Sendable, Hashable, Identifiable {
    /// The store's number for the version, rising with each import.
    public var id: Int64
    /// The registry's own date, `YYYY-MM-DD`; for a CSV, the latest date any record carries.
    public var updated: String?
    /// Where the file came from: a URL or a file path.
    public var source: String
    /// `xml` or `csv`.
    public var format: RegistryFormat
    /// The file's SHA-256, in hex.
    public var sha256: String
    /// When the file was imported, ISO 8601 in UTC.
    public var importedAt: String
    /// How many records the file held.
    public var entryCount: Int
    /// How many rows its people table held.
    public var peopleCount: Int
    /// The HTTP validators the download came with, for a conditional GET next time.
    public var etag: String?
    public var lastModified: String?
    /// The registry's header: title, experts, notes, footnotes.
    public var metadata: RegistryMetadata
}

extension RegistryVersion: FetchableRecord {
    public init(row: Row) throws {
        id = row["id"]
        updated = row["updated"]
        source = row["source"]
        format = RegistryFormat(rawValue: row["format"]) ?? .xml
        sha256 = row["sha256"]
        importedAt = row["importedAt"]
        entryCount = row["entryCount"]
        peopleCount = row["peopleCount"]
        etag = row["etag"]
        lastModified = row["lastModified"]
        let metadataJSON: String = row["metadata"]
        metadata = try JSONDecoder().decode(RegistryMetadata.self, from: Data(metadataJSON.utf8))
    }
}
