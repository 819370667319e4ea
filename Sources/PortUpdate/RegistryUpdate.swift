import Foundation
import Logging
import PortRegistry
import PortStore

/// Brings a registry into the store: downloads it (from IANA or a mirror) or reads a local copy, checks
/// and decodes it whole, then imports it in one transaction. Nothing reaches the store before the file
/// has been decoded without error, so a failed update leaves the previous version current.
public struct RegistryUpdate: Sendable {
    /// What an update did.
    public enum Outcome: Sendable {
        /// The server said the copy held is current; nothing was downloaded.
        case notModified(RegistryVersion)
        /// A file was imported (or found already imported, and made current).
        case imported(RegistryStore.ImportOutcome)
    }

    /// Progress of an update, for a progress line.
    public enum Progress: Sendable {
        case downloading(received: Int, expected: Int?)
        case decoding(bytes: Int)
        case importing(entries: Int)
    }

    let store: RegistryStore
    let downloader: RegistryDownloader
    let logger: Logger

    public init(store: RegistryStore, downloader: RegistryDownloader, logger: Logger) {
        self.store = store
        self.downloader = downloader
        self.logger = logger
    }

    /// A registry file read and checked whole, not yet stored.
    public struct CheckedFile: Sendable {
        public var document: RegistryDocument
        public var source: RegistryStore.ImportSource
    }

    /// Updates from `location`: an http(s) URL, a file path, or `nil` for IANA's XML.
    /// - Throws: `FetchError`, `UpdateError`, `RegistryError` (with file and line) or `StoreError`.
    public func run(from location: String? = nil, progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        let location = location ?? RegistryDownloader.ianaXML
        let previous = Self.isURL(location) ? try store.reader().versions().last { $0.source == location } : nil
        guard let file = try await Self.check(from: location, since: previous, downloader: downloader, progress: progress) else {
            guard let previous, let current = try store.reader().currentVersion() else { throw UpdateError.notModifiedWithoutCopy(location) }
            logger.info("not modified since the copy held", metadata: ["source": "\(location)"])
            return .notModified(current.sha256 == previous.sha256 ? current : try store.makeCurrent(version: previous.id))
        }
        progress(.importing(entries: file.document.entries.count))
        let outcome = try store.importRegistry(file.document, from: file.source)
        logger.info("imported", metadata: ["version": "\(outcome.version.id)", "entries": "\(file.document.entries.count)"])
        return .imported(outcome)
    }

    /// Reads `location` (downloading it, conditionally on `previous`'s validators) and decodes it whole,
    /// storing nothing; `nil` when the server answers that `previous` is current.
    /// - Throws: `FetchError`, `UpdateError` or `RegistryError`.
    public static func check(
        from location: String,
        since previous: RegistryVersion? = nil,
        downloader: RegistryDownloader,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws -> CheckedFile? {
        var location = location
        let bytes: [UInt8]
        var etag: String?
        var lastModified: String?
        if Self.isURL(location) {
            let outcome = try await downloader.fetch(location, etag: previous?.etag, lastModified: previous?.lastModified) { received, expected in
                progress(.downloading(received: received, expected: expected))
            }
            guard case .downloaded(let body, let tag, let modified) = outcome else { return nil }
            (bytes, etag, lastModified) = (body, tag, modified)
        } else {
            bytes = try Self.readFile(location)
            location = URL(fileURLWithPath: location).standardizedFileURL.path
        }
        progress(.decoding(bytes: bytes.count))
        let clock = ContinuousClock()
        let started = clock.now
        let (document, format) = try RegistryFormat.decode(bytes, source: location)
        let elapsed = started.duration(to: clock.now)
        downloader.logger.debug(
            "decoded",
            metadata: [
                "records": "\(document.entries.count)", "bytes": "\(bytes.count)",
                "milliseconds": "\(Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds) * 1000)",
            ]
        )
        guard !document.entries.isEmpty else { throw UpdateError.empty(location) }
        let source = RegistryStore.ImportSource(
            location: location,
            bytes: bytes,
            format: format,
            etag: etag,
            lastModified: lastModified
        )
        return CheckedFile(document: document, source: source)
    }

    static func isURL(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    static func readFile(_ path: String) throws(UpdateError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .cannotRead(path: path, reason: "no such file") }
        guard !isDirectory.boolValue else { throw .cannotRead(path: path, reason: "it is a folder") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path: path, reason: "permission denied") }
        return Array(data)
    }
}

/// Why an update could not start or finish, besides download, format and store errors.
public enum UpdateError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The local file cannot be read.
    case cannotRead(path: String, reason: String)
    /// The file holds no records.
    case empty(String)
    /// The server answered 304 for a copy the store no longer holds.
    case notModifiedWithoutCopy(String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .empty(let source): "\(source) holds no registry records"
        case .notModifiedWithoutCopy(let url): "\(url) answered 304 Not Modified, but the store holds no copy from it"
        }
    }

    public var errorDescription: String? { description }
}
