import Foundation
import PortRegistry
import PortStore
import PortWeb

/// Writes the whole site as static files: every port page 0–65535 in every language, the home, atlas, range,
/// registry and product pages, the sitemap, robots.txt, the assets and the icon, the OpenAPI document and the registry downloads.
///
/// Each page is `<path>/index.html`, so `/en/ports/3331` is served by any static host from
/// `en/ports/3331/index.html`; the bytes are those `portatlas serve` sends for the same URL.
public struct SiteExport: Sendable {
    public let pages: SitePages
    public let resources: SiteResources

    public init(pages: SitePages, resources: SiteResources) {
        self.pages = pages
        self.resources = resources
    }

    /// What an export wrote.
    public struct Summary: Sendable {
        public var files = 0
        public var bytes = 0
    }

    /// Writes the site into `folder`, calling `progress(done, total)` as port pages are written.
    /// - Throws: `StoreError` when the store cannot be read, or the file system's error naming the path.
    /// - Parameter ports: the port pages to write; all of them unless a test asks for fewer.
    public func write(
        to folder: String,
        ports: ClosedRange<UInt16> = 0...65535,
        workers: Int = max(ProcessInfo.processInfo.activeProcessorCount, 1),
        progress: @escaping @Sendable (Int, Int) -> Void
    ) async throws -> Summary {
        let languages = pages.site.languages.all
        let writer = FileWriter(root: folder)
        try writer.write("assets/site.css", resources.stylesheet)
        try writer.write("openapi.json", resources.openAPI)
        try writer.write("favicon.ico", resources.favicon)
        try writer.write("robots.txt", pages.site.robots)
        try writer.write("sitemap.xml", pages.site.sitemapIndex)
        var part = 0
        while let map = pages.site.sitemap(part: part) {
            try writer.write("sitemaps/\(part).xml", map)
            part += 1
        }
        for format in RegistryExportFormat.allCases {
            if let file = try pages.registryFile(format) { try writer.write("registry.\(format.rawValue)", file.body) }
        }
        try writer.write("index.html", try pages.home(pages.site.languages.english).body)
        for language in languages {
            try writer.write("\(language.code)/index.html", try pages.home(language).body)
            for range in [PortRange.system, .user, .dynamic] {
                try writer.write("\(language.code)/ranges/\(range.rawValue)/index.html", try pages.range(range, language).body)
            }
            try writer.write("\(language.code)/atlas/index.html", try pages.atlasPage(language).body)
            try writer.write("\(language.code)/registry/index.html", try pages.registry(Site.RegistryView(), language).body)
            try writer.write("\(language.code)/registry/people/index.html", try pages.people(page: 1, language).body)
            // The registry page links to the latest changes; a port's history needs the server.
            try writer.write("\(language.code)/registry/changes/index.html", try pages.changes(nil, language).body)
        }
        try writeProducts(with: writer)

        // The port pages, in parallel: one report per port, rendered once per language.
        let total = ports.count
        let counter = ProgressCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            let chunk = (total + workers - 1) / workers
            for worker in 0..<workers {
                let first = Int(ports.lowerBound) + worker * chunk
                let last = min(first + chunk, Int(ports.upperBound) + 1)
                guard first < last else { continue }
                group.addTask {
                    for port in first..<last {
                        let rendered = try pages.portPages(UInt16(port), languages: languages)
                        for (language, page) in zip(languages, rendered) {
                            try writer.write("\(language.code)/ports/\(port)/index.html", page.body)
                        }
                        let done = counter.add(1)
                        if done % 512 == 0 || done == total { progress(done, total) }
                    }
                }
            }
            try await group.waitForAll()
        }
        return Summary(files: writer.files, bytes: writer.bytes)
    }
}

/// Creates folders as needed and writes files whole, counting what it wrote.
final class FileWriter: @unchecked Sendable {
    // @unchecked: the counters are touched under `lock`; file writes need no lock.
    let root: String
    private let lock = NSLock()
    private(set) var files = 0
    private(set) var bytes = 0

    init(root: String) { self.root = root }

    func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    func write(_ path: String, _ content: [UInt8]) throws {
        let full = "\(root)/\(path)"
        let folder = (full as NSString).deletingLastPathComponent
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: full]) }
        defer { close(descriptor) }
        var offset = 0
        while offset < content.count {
            let written = content[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: full]) }
            offset += written
        }
        lock.lock()
        files += 1
        bytes += content.count
        lock.unlock()
    }
}

/// A thread-safe counter for progress.
final class ProgressCounter: @unchecked Sendable {
    // @unchecked: `value` is touched under `lock`.
    private let lock = NSLock()
    private var value = 0

    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += amount
        return value
    }
}
