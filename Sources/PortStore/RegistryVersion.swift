import PortRegistry

/// One imported copy of the registry: where it came from, when, its fingerprint and its size.
/// The registry's header (experts, notes, footnotes) is read apart: `RegistryReader.metadata(version:)`.
public struct RegistryVersion: Sendable, Hashable, Identifiable {
    /// The store's number for the version, rising with each import.
    public var id: Int64
    /// The registry's own date, `YYYY-MM-DD`; for a CSV, the latest date any record carries.
    public var updated: String?
    /// The registry's title.
    public var title: String
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
}
