import Foundation
import PortKnowledge
import PortRegistry
import PortReport
import PortStore
import PortWeb

/// Every page of the site, rendered from the store and the curated knowledge, and kept once rendered.
///
/// Rendered pages are cached per language and path (at most `cacheLimit`), dropped when the current registry
/// version changes and, for a port page, when a vote changes its tally (here, or on another server sharing the
/// votes: `checkVotes()` sees those). The server and the static export both ask here, so they send and write
/// the same bytes. Reads go through a pool of read-only connections, so requests read in parallel; votes go
/// to `votes`, the store's own file or PostgreSQL.
public final class SitePages: Sendable {
    public let site: Site
    public let store: RegistryStore
    let readers: ReaderPool
    /// Turns a voter's address into the key the vote limits use.
    public let voters: VoterKeys
    /// Where votes are kept and tallies read.
    public let votes: any VoteStore
    /// Whether the votes answered lately, and which votes this server has seen.
    let voteState: VoteState
    /// The gzip-compressed bodies of the pages sent, made once per body.
    let compressed: CompressedBodies
    let knowledge: KnowledgeBase
    let cache: PageCache
    /// The registry loaded in memory for the registry table and the downloads, with its version.
    let loaded: Loaded
    /// nmap's services file, for the home page's popular ports when it is installed.
    let nmapServices: String?

    public static let cacheLimit = 8192

    /// - Parameters:
    ///   - readConnections: how many read-only connections reads take turns on.
    ///   - voters: the vote limits' keys; a throwaway secret when nothing is voted on (the export).
    ///   - nmapServices: nmap's services file: when it is installed, the home page's popular ports are those
    ///     nmap finds open most often.
    ///   - votes: where votes go; `nil` for the store's own file.
    public init(
        site: Site,
        store: RegistryStore,
        knowledge: KnowledgeBase,
        readConnections: Int = ReaderPool.defaultSize,
        voters: VoterKeys = VoterKeys(),
        nmapServices: String? = PortPopularity.defaultFile,
        votes: (any VoteStore)? = nil
    ) throws(StoreError) {
        self.nmapServices = nmapServices
        self.site = site
        self.store = store
        self.readers = try ReaderPool(store: store, size: readConnections)
        self.voters = voters
        let chosen: any VoteStore
        let readers = self.readers
        if let votes { chosen = votes } else { chosen = SQLiteVotes(store: store, readers: { readers.reader }) }
        self.votes = chosen
        // The store's own file is there as long as the store is; a database elsewhere is taken as away until
        // `checkVotes()` reaches it, so that no page waits on it.
        self.voteState = VoteState(available: chosen is SQLiteVotes)
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
    public func voteCount() async throws(VoteStoreError) -> Int { try await votes.voteCount() }

    /// Whether the votes answered when last asked: when not, the vote form says voting is paused.
    public var votesAvailable: Bool { voteState.available }

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
            Page(body: site.homePage(registry: try currentSource(), facts: try homeFacts(), language: language))
        }
    }

    /// `/{lang}/ports/{n}`: the whole report, without this machine's listeners (the reader's machine is not ours).
    /// When the votes cannot be reached, the page says voting is paused instead of showing the form.
    public func port(_ port: UInt16, _ language: Language, voted: String? = nil) async throws(StoreError) -> Page {
        let key = "\(language.code)|/ports/\(port)"
        // A page with a thank-you note is for one reader only.
        if voted == nil, let page = cache[key] { return page }
        let generation = cache.generation
        let tally = await tally(page: "/ports/\(port)")
        let reader = readers.reader
        let report = try WhatPortIs.compose(port: port, lookup: PortLookup(store: reader), knowledge: knowledge, scanner: nil, linuxLive: nil)
        let block = try atlasBlock(containing: port, language)
        let page = Page(body: site.portPage(report, votes: tally, block: block, language: language, voted: voted))
        if voted == nil { cache.keep(page, for: key, ifStill: generation) }
        return page
    }

    /// The page's tally, or `nil` when the votes cannot be reached (and are then marked so).
    func tally(page: String) async -> VoteTally? {
        guard voteState.available else { return nil }
        do {
            return try await votes.tally(page: page)
        } catch {
            noteVotes(available: false)
            return nil
        }
    }

    /// The port's page in each of `languages`, from one report and the store's own tally: what the export writes.
    public func portPages(_ port: UInt16, languages: [Language], voted: String? = nil) throws(StoreError) -> [Page] {
        let reader = readers.reader
        let report = try WhatPortIs.compose(port: port, lookup: PortLookup(store: reader), knowledge: knowledge, scanner: nil, linuxLive: nil)
        let tally = try reader.tally(page: "/ports/\(port)")
        return try languages.map { language throws(StoreError) in
            Page(body: site.portPage(report, votes: tally, block: try atlasBlock(containing: port, language), language: language, voted: voted))
        }
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
            Page(body: site.rangePage(range, registry: try currentSource(), atlas: try atlas(), language: language))
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
                return notFound(language("registry.noSuchPage", count: pageCount, ["page": String(view.page)]), language)
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
            return notFound(language("registry.noSuchPage", count: pageCount, ["page": String(page)]), language)
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

    /// Records a vote (committed on return: to disk, or by PostgreSQL) and drops the page's cached renderings
    /// so the next view shows the new tally.
    /// - Throws: `VoteStoreError.unavailable` at once while the votes are known to be away, or when they cannot
    ///   be reached now: the vote is then not recorded.
    public func vote(_ vote: Vote, at time: Date = Date()) async throws(VoteStoreError) -> VoteOutcome {
        guard voteState.available else { throw .unavailable(votes.description, reason: "voting is paused until they answer again") }
        let outcome: VoteOutcome
        do {
            outcome = try await votes.record(vote, at: time)
        } catch {
            if case .unavailable = error { noteVotes(available: false) }
            throw error
        }
        if outcome == .recorded { dropTally(of: vote.page) }
        return outcome
    }

    /// Drops every language's rendering of `page`.
    func dropTally(of page: String) {
        for language in site.languages.all { cache["\(language.code)|\(page)"] = nil }
    }

    /// Records whether the votes answered; a change drops every page, so that their vote forms say so.
    func noteVotes(available: Bool) {
        if voteState.set(available: available) { cache.removeAll() }
    }

    /// Asks the votes what changed since the last check: drops the pages whose tallies another server changed,
    /// and notes whether the votes answered. `VoteWatcher` calls it every second.
    public func checkVotes() async {
        do {
            guard let cursor = voteState.lowWater else {
                voteState.start(at: try await votes.lastVoteID())
                noteVotes(available: true)
                return
            }
            let changes = try await votes.changes(after: cursor, limit: 10000)
            for page in voteState.unseen(changes) { dropTally(of: page) }
            noteVotes(available: true)
        } catch {
            noteVotes(available: false)
        }
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

    /// Values made from one registry version (the atlas, the home page's facts), by name.
    private var derived: [String: (version: Int64, value: any Sendable)] = [:]
    /// Held while a derived value is made, so that the requests arriving together after a start or an
    /// import make it once and wait for it, instead of each loading the registry and making its own.
    private let making = NSLock()

    /// Rendered blocks of the atlas by language and first port, for the version in `blocksVersion`.
    private var blocks: [String: AtlasBlock] = [:]
    private var blocksVersion: Int64?

    /// The block kept under `key` for version `id`, or the one `make` renders, kept.
    func block(_ key: String, version id: Int64, make: () -> AtlasBlock?) -> AtlasBlock? {
        lock.lock()
        if blocksVersion == id, let kept = blocks[key] {
            lock.unlock()
            return kept
        }
        lock.unlock()
        guard let made = make() else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if blocksVersion != id {
            blocks.removeAll()
            blocksVersion = id
        }
        blocks[key] = made
        return made
    }

    /// The value named `name` for version `id`, made by `make` the first time it is asked for that version.
    func derived<T: Sendable>(_ name: String, version id: Int64, make: () throws(StoreError) -> T) throws(StoreError) -> T {
        func kept() -> T? {
            lock.lock()
            defer { lock.unlock() }
            guard let kept = derived[name], kept.version == id else { return nil }
            return kept.value as? T
        }
        if let value = kept() { return value }
        making.lock()
        defer { making.unlock() }
        if let value = kept() { return value }
        let value = try make()
        lock.lock()
        derived[name] = (id, value)
        lock.unlock()
        return value
    }
}

/// Whether the votes answered when last asked, and the votes this server has seen lately.
///
/// A vote's number is taken when its transaction starts, and transactions commit in any order: number 11 may
/// be seen before 10 commits. So each check reads again from where the check ten checks ago began, and
/// drops only the pages of votes not seen before.
final class VoteState: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var isAvailable: Bool
    /// Where the last checks began, oldest first (at most `window`).
    private var cursors: [Int64] = []
    private var seen: Set<Int64> = []
    static let window = 10

    init(available: Bool) { isAvailable = available }

    var available: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isAvailable
    }

    /// Sets whether the votes answered; true when that changed.
    func set(available: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        defer { isAvailable = available }
        return isAvailable != available
    }

    /// Where the next check reads from; `nil` before the first.
    var lowWater: Int64? {
        lock.lock()
        defer { lock.unlock() }
        return cursors.first
    }

    func start(at last: Int64) {
        lock.lock()
        defer { lock.unlock() }
        cursors = [last]
    }

    /// The pages of the votes in `changes` not seen before.
    func unseen(_ changes: [VoteChange]) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var pages: Set<String> = []
        for change in changes where seen.insert(change.id).inserted { pages.insert(change.page) }
        cursors.append(changes.last?.id ?? cursors.last ?? 0)
        if cursors.count > Self.window { cursors.removeFirst(cursors.count - Self.window) }
        if let low = cursors.first { seen = seen.filter { $0 > low } }
        return pages
    }
}
