import Foundation
import PortKnowledge
import PortRegistry
import PortReport
import PortStore
import PortWeb

/// Every page of the site, rendered from the store and the curated knowledge, and kept once rendered.
///
/// Rendered pages are cached per language and path (at most `cacheLimit`), dropped when the current registry
/// version changes and, for a port page, when a vote changes its tally. The server and the static export both
/// ask here, so they send and write the same bytes. Reads go through a pool of read-only connections, so
/// requests read in parallel; votes are written on GRDB's writer queue.
public final class SitePages: Sendable {
    public let site: Site
    public let store: RegistryStore
    let readers: ReaderPool
    /// Turns a voter's address into the key the vote limits use.
    public let voters: VoterKeys
    /// The gzip-compressed bodies of the pages sent, made once per body.
    let compressed: CompressedBodies
    let knowledge: KnowledgeBase
    let cache: PageCache
    /// The registry loaded in memory for the registry table and the downloads, with its version.
    let loaded: Loaded

    public static let cacheLimit = 8192

    /// - Parameters:
    ///   - readConnections: how many read-only connections reads take turns on.
    ///   - voters: the vote limits' keys; a throwaway secret when nothing is voted on (the export).
    public init(
        site: Site,
        store: RegistryStore,
        knowledge: KnowledgeBase,
        readConnections: Int = ReaderPool.defaultSize,
        voters: VoterKeys = VoterKeys()
    ) throws(StoreError) {
        self.site = site
        self.store = store
        self.readers = try ReaderPool(store: store, size: readConnections)
        self.voters = voters
        self.compressed = CompressedBodies()
        self.knowledge = knowledge
        self.cache = PageCache(limit: Self.cacheLimit)
        self.loaded = Loaded()
    }

    /// The current registry version's id, or `nil` before any import; drops the caches when it changed.
    @discardableResult
    public func refresh() throws(StoreError) -> RegistryVersion? {
        let version = try readers.reader.currentVersion()
        if loaded.versionID(changedTo: version?.id) { cache.removeAll() }
        return version
    }

    /// `refresh()`, at most once a second.
    public func refreshIfDue(now: ContinuousClock.Instant = .now) throws(StoreError) {
        guard loaded.isRefreshDue(now: now) else { return }
        try refresh()
    }

    /// How many rendered pages are kept.
    public var cachedPageCount: Int { cache.count }

    /// How many votes the store holds.
    public func voteCount() throws(StoreError) -> Int { try readers.reader.voteCount() }

    /// Answers through the next read connection.
    var lookup: PortLookup { PortLookup(store: readers.reader) }

    /// A page from the cache, or rendered by `render` and kept.
    func cached(_ key: String, render: () throws(StoreError) -> Page) throws(StoreError) -> Page {
        if let page = cache[key] { return page }
        // A vote that lands while the page renders drops the old tally; this rendering may hold it, so it is
        // sent but not kept.
        let generation = cache.generation
        let page = try render()
        cache.keep(page, for: key, ifStill: generation)
        return page
    }

    // MARK: Pages

    /// `/{lang}/`.
    public func home(_ language: Language) throws(StoreError) -> Page {
        try cached("\(language.code)|/") { () throws(StoreError) in
            Page(body: site.homePage(registry: try currentSource(), language: language))
        }
    }

    /// `/{lang}/ports/{n}`: the whole report, without this machine's listeners (the reader's machine is not ours).
    public func port(_ port: UInt16, _ language: Language, voted: String? = nil) throws(StoreError) -> Page {
        let render = { () throws(StoreError) -> Page in
            try self.portPages(port, languages: [language], voted: voted)[0]
        }
        // A page with a thank-you note is for one reader only.
        guard voted == nil else { return try render() }
        return try cached("\(language.code)|/ports/\(port)", render: render)
    }

    /// The port's page in each of `languages`, from one report: what the server sends and the export writes.
    public func portPages(_ port: UInt16, languages: [Language], voted: String? = nil) throws(StoreError) -> [Page] {
        let reader = readers.reader
        let report = try WhatPortIs.compose(port: port, lookup: PortLookup(store: reader), knowledge: knowledge, scanner: nil, linuxLive: nil)
        let tally = try reader.tally(page: "/ports/\(port)")
        return languages.map { Page(body: site.portPage(report, votes: tally, language: $0, voted: voted)) }
    }

    /// The report as JSON, for `/api/v1/ports/{n}`.
    public func portJSON(_ port: UInt16) throws(StoreError) -> Page {
        try cached("api|/ports/\(port)") { () throws(StoreError) in
            let report = try WhatPortIs.compose(port: port, lookup: lookup, knowledge: knowledge, scanner: nil, linuxLive: nil)
            return Page(contentType: "application/json", body: report.json.serialized(indent: 0) + "\n")
        }
    }

    /// `/{lang}/ports/{a}-{b}` and `/{lang}/services/{name}`, and their JSON.
    public func answer(_ query: PortQuery, path: String, _ language: Language?) throws(StoreError) -> Page {
        let key = "\(language?.code ?? "api")|\(path)"
        let render = { () throws(StoreError) -> Page in
            let answer = try self.lookup.answer(query)
            let status = answer.isListed ? 200 : 404
            guard let language else { return Page(status: status, contentType: "application/json", body: answer.json.serialized() + "\n") }
            return Page(status: status, body: self.site.answerPage(answer, path: path, language: language))
        }
        // A wide range's answer is large (0-65535 is the whole registry: 2.4 MB of HTML, 6 MB of JSON) and there
        // are two billion ranges: keeping them would let anyone fill the memory, so only narrow ones are kept.
        if case .span(let span) = query, span.count > Self.cachedSpanLimit { return try render() }
        return try cached(key, render: render)
    }

    /// The widest range whose answer is kept once rendered.
    public static let cachedSpanLimit = 1024

    /// `/{lang}/ranges/{name}`.
    public func range(_ range: PortRange, _ language: Language) throws(StoreError) -> Page {
        try cached("\(language.code)|/ranges/\(range.rawValue)") { () throws(StoreError) in
            Page(body: site.rangePage(range, registry: try currentSource(), language: language))
        }
    }

    /// `/{lang}/search?q=`: not cached, since queries are endless.
    public func search(_ text: String, _ language: Language?) throws(StoreError) -> Page {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // The answer carries the products that match, for the JSON and the page alike.
        let answer = trimmed.isEmpty ? nil : try lookup.search(String(trimmed.prefix(200)), limit: 100, knowledge: knowledge)
        guard let language else {
            let none = JSONValue.object([("query", .string(trimmed)), ("products", .array([])), ("entries", .array([]))])
            return Page(contentType: "application/json", body: (answer?.json ?? none).serialized() + "\n")
        }
        return Page(body: site.searchPage(answer, query: trimmed, language: language))
    }

    /// `/{lang}/registry`, paged and filtered.
    public func registry(_ view: Site.RegistryView, _ language: Language) throws(StoreError) -> Page {
        let key = "\(language.code)|/registry?\(view.page)|\(view.transport?.rawValue ?? "")|\(view.text)"
        guard let (document, source) = try current() else { return notFound("", language) }
        if view.page > 1 {
            let pageCount = view.pageCount(of: document.entries)
            guard view.page <= pageCount else {
                return notFound(language("registry.noSuchPage", ["page": String(view.page), "pages": String(pageCount)]), language)
            }
        }
        // Filtered views are endless: only the plain pages are kept.
        if !view.text.isEmpty { return Page(body: site.registryPage(document: document, source: source, view: view, language: language)) }
        return try cached(key) { () throws(StoreError) in
            Page(body: site.registryPage(document: document, source: source, view: view, language: language))
        }
    }

    /// `/{lang}/registry/people`.
    public func people(page: Int, _ language: Language) throws(StoreError) -> Page {
        guard let (document, source) = try current() else { return notFound("", language) }
        let pageCount = max((document.people.count + Site.peoplePageSize - 1) / Site.peoplePageSize, 1)
        guard page <= pageCount else {
            return notFound(language("registry.noSuchPage", ["page": String(page), "pages": String(pageCount)]), language)
        }
        return try cached("\(language.code)|/registry/people?\(page)") { () throws(StoreError) in
            Page(body: site.peoplePage(document: document, source: source, page: page, language: language))
        }
    }

    /// `/registry.csv`, `.xml`, `.html`, `.txt`: the loaded registry in one of IANA's formats, written by the
    /// encoder `portatlas export` uses, so both give the same bytes.
    public func registryFile(_ format: RegistryExportFormat) throws(StoreError) -> Page? {
        guard let (document, _) = try current() else { return nil }
        return try cached("download|\(format.rawValue)") { () throws(StoreError) in
            Page(contentType: format.contentType, body: format.encode(document))
        }
    }

    /// `/api/v1/registry`: the current version and the registry's header, as `portatlas registry --json`.
    public func registryJSON() throws(StoreError) -> Page {
        try cached("api|/registry") { () throws(StoreError) in
            let reader = readers.reader
            guard let version = try reader.currentVersion() else {
                return Page(
                    status: 404,
                    contentType: "application/json",
                    body: "{\"error\":{\"code\":\"noRegistry\",\"message\":\"no registry is loaded\"}}\n"
                )
            }
            return Page(contentType: "application/json", body: version.json(metadata: try reader.metadata(version: version.id)).serialized() + "\n")
        }
    }

    /// A 404 page saying what was wrong.
    public func notFound(_ message: String, _ language: Language) -> Page {
        let source = try? currentSource()
        return Page(status: 404, body: site.notFoundPage(message: message, language: language, registry: source))
    }

    /// Records a vote (committed to disk on return) and drops the page's cached renderings so the next view
    /// shows the new tally.
    public func vote(_ vote: Vote) async throws(StoreError) -> RegistryStore.VoteOutcome {
        let outcome = try await store.record(vote)
        if outcome == .recorded {
            for language in site.languages.all { cache["\(language.code)|\(vote.page)"] = nil }
        }
        return outcome
    }

    /// Where answers come from now: the current registry version, or the system's services database.
    func currentSource() throws(StoreError) -> AnswerSource {
        if let version = try readers.reader.currentVersion() { return .registry(version) }
        return try lookup.answer(.port(0)).source
    }

    /// The current registry in memory, loaded once per version.
    func current() throws(StoreError) -> (RegistryDocument, AnswerSource)? {
        let reader = readers.reader
        guard let version = try reader.currentVersion() else { return nil }
        if let document = loaded.document(version: version.id) { return (document, .registry(version)) }
        guard let document = try reader.currentDocument() else { return nil }
        loaded.keep(document, version: version.id)
        return (document, .registry(version))
    }
}

/// Rendered pages by key, at most `limit`, the oldest dropped first.
final class PageCache: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var pages: [String: Page] = [:]
    private var order: [String] = []
    private var oldest = 0
    /// Counts removals: a page rendered before one may be stale.
    private var removals = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    subscript(key: String) -> Page? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return pages[key]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            guard let newValue else {
                removals &+= 1
                pages[key] = nil
                return
            }
            insert(newValue, for: key)
        }
    }

    /// The number of removals so far, to hand back to `keep(_:for:ifStill:)`.
    var generation: Int {
        lock.lock()
        defer { lock.unlock() }
        return removals
    }

    /// Keeps `page` unless a page was removed since `generation` was read.
    func keep(_ page: Page, for key: String, ifStill generation: Int) {
        lock.lock()
        defer { lock.unlock() }
        if generation == removals { insert(page, for: key) }
    }

    /// Adds or replaces a page, dropping the oldest beyond `limit`. The caller holds `lock`.
    private func insert(_ page: Page, for key: String) {
        guard pages.updateValue(page, forKey: key) == nil else { return }
        order.append(key)
        guard pages.count > limit else { return }
        // Drop the oldest; a key dropped before (a vote) is simply skipped.
        while pages.count > limit, oldest < order.count {
            pages[order[oldest]] = nil
            oldest += 1
        }
        if oldest > limit {
            order.removeFirst(oldest)
            oldest = 0
        }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return pages.count
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        removals &+= 1
        pages.removeAll()
        order.removeAll()
        oldest = 0
    }
}

/// The version the caches were made for, and the registry loaded in memory.
final class Loaded: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var version: Int64??
    private var documentVersion: Int64?
    private var document: RegistryDocument?

    private var lastRefresh: ContinuousClock.Instant?

    /// True, and the clock reset, when a second has passed since the last check.
    func isRefreshDue(now: ContinuousClock.Instant) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let lastRefresh, now - lastRefresh < .seconds(1) { return false }
        lastRefresh = now
        return true
    }

    /// Records `id` as current; true when it differs from the last one seen.
    func versionID(changedTo id: Int64?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { version = .some(id) }
        guard let known = version else { return false }
        return known != id
    }

    func document(version id: Int64) -> RegistryDocument? {
        lock.lock()
        defer { lock.unlock() }
        return documentVersion == id ? document : nil
    }

    func keep(_ document: RegistryDocument, version id: Int64) {
        lock.lock()
        defer { lock.unlock() }
        self.document = document
        documentVersion = id
    }
}
