import Foundation
import GRDBSQLite
import PortKnowledge
import PortRegistry

/// The curated knowledge compiled into a small SQLite file in the user's cache folder, so that a lookup reads
/// the few facts its report shows instead of parsing every knowledge file.
///
/// The file is named after the knowledge's sources (the bundled folder, the config folder and each
/// `--knowledge` path) and holds their signature: each file's path, size, modification and change times,
/// device and inode, as git's index keeps them, so an edit, a new file or a removed one is seen on the next
/// run. It is built from the files, with every check the parser makes, on first use and whenever the
/// signature changes, into a temporary file renamed into place. When the cache folder cannot be written or
/// the file cannot be read, the knowledge is parsed as before: the cache never fails a lookup.
public final class KnowledgeIndex: CuratedKnowledge, @unchecked Sendable {
    // @unchecked: the prepared statements are used under `lock`, one query at a time.
    private let connection: OpaquePointer
    /// The index's file.
    public let path: String
    /// Statements prepared once and reset for each query: a report asks the same few questions many times
    /// (each use's product and cluster), and preparing costs more than answering.
    private var statements: [String: OpaquePointer] = [:]
    private let lock = NSLock()

    private init(connection: OpaquePointer, path: String) {
        self.connection = connection
        self.path = path
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(connection)
    }

    /// The curated knowledge in `sources`: from the index in `cacheFolder` when it matches the files, else
    /// parsed from them (and the index written for the next run).
    /// - Parameters:
    ///   - cacheFolder: where indexes live; `nil` parses every time.
    ///   - now: the time to judge the files' changes by.
    /// - Throws: `KnowledgeError` as `KnowledgeBase.load` throws it, when the files are parsed: a
    ///   `--knowledge` path that does not exist, a malformed entry, a fact given twice.
    public static func load(
        _ sources: KnowledgeBase.Sources = KnowledgeBase.Sources(),
        cacheFolder: String? = KnowledgeIndex.cacheFolder(),
        now: Date = Date()
    ) throws(KnowledgeError) -> any CuratedKnowledge {
        let files = try sources.files()
        guard let cacheFolder, let signature = Signature(files, now: now) else { return try KnowledgeBase.load(files) }
        let path = "\(cacheFolder)/knowledge-\(Signature.hex(of: roots(of: sources))).sqlite"
        if let index = open(path: path, signature: signature.text) { return index }
        let base = try KnowledgeBase.load(files)
        // A file changed within the clock's last ticks may change again unseen by its times: parse until it settles.
        if !signature.isRecent { write(base, signature: signature.text, to: path) }
        return base
    }

    /// The folder indexes live in: `$XDG_CACHE_HOME/portatlas`, else `~/.cache/portatlas`.
    public static func cacheFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return "\(cache)/portatlas" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return "\(home)/.cache/portatlas"
    }

    /// What names an index file: where the knowledge comes from, each path made absolute.
    static func roots(of sources: KnowledgeBase.Sources) -> String {
        let directory = FileManager.default.currentDirectoryPath
        let extra = sources.extra.map { $0.hasPrefix("/") ? $0 : "\(directory)/\($0)" }
        return ([sources.bundledFolder ?? "", sources.configFolder ?? ""] + extra).joined(separator: "\u{0}")
    }

    /// The index at `path`, if it is one and was built from files with this `signature`.
    static func open(path: String, signature: String) -> KnowledgeIndex? {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            return nil
        }
        let index = KnowledgeIndex(connection: handle, path: path)
        let stored = index.rows("SELECT value FROM meta WHERE key = 'signature'", []) { Self.text($0, 0) }
        return stored == [signature] ? index : nil
    }

    // MARK: - CuratedKnowledge

    public func facts(at port: UInt16, transport: TransportProtocol?) -> [KnowledgeFact] {
        facts(overlapping: PortSpan(port: port), transport: transport)
    }

    public func facts(overlapping span: PortSpan, transport: TransportProtocol?) -> [KnowledgeFact] {
        // Facts that begin in the span by the index on `start`; ranges that begin before it by the partial
        // index of ranges (named: without statistics the planner would rather scan the table).
        let sql = """
            SELECT \(Self.factColumns) FROM fact WHERE start BETWEEN ?1 AND ?2
            UNION ALL SELECT \(Self.factColumns) FROM fact INDEXED BY fact_range WHERE finish > start AND start < ?1 AND finish >= ?1
            ORDER BY seq
            """
        return rows(sql, [.int(Int64(span.start)), .int(Int64(span.end))], Self.fact).compactMap { $0 }.filter { $0.concerns(transport) }
    }

    public func cluster(named name: String) -> [KnowledgeFact] {
        rows("SELECT \(Self.factColumns) FROM fact WHERE cluster = ?1 ORDER BY seq", [.text(name)], Self.fact).compactMap { $0 }
    }

    public func facts(about name: String) -> [KnowledgeFact] {
        rows("SELECT \(Self.factColumns) FROM fact WHERE product = ?1 ORDER BY seq", [.text(name)], Self.fact).compactMap { $0 }
    }

    public func product(named name: String) -> Product? {
        let sql = "SELECT name, slug, aliases, field, homepage, widelyUsed, file, line, bundled FROM product WHERE name = ?1"
        return rows(sql, [.text(name)]) { row -> Product? in
            guard let field = Product.Field(rawValue: Self.text(row, 3)) else { return nil }
            return Product(
                name: Self.text(row, 0),
                slug: Self.text(row, 1),
                aliases: Self.list(Self.text(row, 2)),
                field: field,
                homepage: Self.optionalText(row, 4),
                isWidelyUsed: sqlite3_column_int64(row, 5) != 0,
                origin: Origin(file: Self.text(row, 6), line: Int(sqlite3_column_int64(row, 7)), isBundled: sqlite3_column_int64(row, 8) != 0)
            )
        }.first ?? nil
    }

    public func processFacts() -> [ProcessFact] {
        let sql = """
            SELECT product, os, executables, commands, units, ports, free, run, note, title, url, retrieved, file, line, bundled
            FROM process ORDER BY seq
            """
        return rows(sql, []) { row -> ProcessFact in
            ProcessFact(
                product: Self.text(row, 0),
                system: Self.optionalText(row, 1).flatMap(OperatingSystem.init(rawValue:)),
                executables: Self.list(Self.text(row, 2)),
                commands: Self.list(Self.text(row, 3)).map { $0.split(separator: " ").map(String.init) },
                units: Self.list(Self.text(row, 4)),
                ports: Self.list(Self.text(row, 5)).compactMap { try? PortSpan(parsing: $0) },
                free: Self.optionalText(row, 6),
                run: Self.list(Self.text(row, 7)),
                note: Self.optionalText(row, 8),
                source: Citation(title: Self.text(row, 9), url: Self.text(row, 10), retrieved: Self.text(row, 11)),
                origin: Origin(file: Self.text(row, 12), line: Int(sqlite3_column_int64(row, 13)), isBundled: sqlite3_column_int64(row, 14) != 0)
            )
        }
    }

    // MARK: - Rows

    static let factColumns =
        "seq, kind, start, finish, transports, product, purpose, cluster, services, patterns, note, title, url, retrieved, file, line, bundled"

    /// A fact from a row of `factColumns`; `nil` for a row this build cannot read.
    static func fact(_ row: OpaquePointer) -> KnowledgeFact? {
        guard let kind = KnowledgeFact.Kind(rawValue: text(row, 1)) else { return nil }
        let start = UInt16(clamping: sqlite3_column_int64(row, 2))
        let end = UInt16(clamping: sqlite3_column_int64(row, 3))
        return KnowledgeFact(
            kind: kind,
            ports: PortSpan(unchecked: start, end),
            transports: list(text(row, 4)).compactMap(TransportProtocol.init(rawValue:)),
            product: text(row, 5),
            purpose: text(row, 6),
            cluster: optionalText(row, 7),
            services: list(text(row, 8)),
            patterns: list(text(row, 9)),
            note: optionalText(row, 10),
            source: Citation(title: text(row, 11), url: text(row, 12), retrieved: text(row, 13)),
            origin: Origin(file: text(row, 14), line: Int(sqlite3_column_int64(row, 15)), isBundled: sqlite3_column_int64(row, 16) != 0)
        )
    }

    /// A value bound to a statement's parameter.
    enum Value {
        case int(Int64)
        case text(String)
        case null

        static func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
    }

    /// Runs `sql` with `values` bound in order and makes a value of each row; none when SQLite fails (the
    /// file is replaced whole, never changed in place, so a failure means a damaged file).
    private func rows<T>(_ sql: String, _ values: [Value], _ make: (OpaquePointer) -> T) -> [T] {
        lock.lock()
        defer { lock.unlock() }
        let statement: OpaquePointer
        if let prepared = statements[sql] {
            statement = prepared
        } else {
            guard let prepared = Self.prepare(sql, [], on: connection) else { return [] }
            statements[sql] = prepared
            statement = prepared
        }
        Self.bind(values, to: statement)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        var results: [T] = []
        while sqlite3_step(statement) == SQLITE_ROW { results.append(make(statement)) }
        return results
    }

    static func prepare(_ sql: String, _ values: [Value], on connection: OpaquePointer) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        bind(values, to: statement)
        return statement
    }

    static func bind(_ values: [Value], to statement: OpaquePointer) {
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .int(let number): sqlite3_bind_int64(statement, position, number)
            case .text(let text): sqlite3_bind_text(statement, position, text, -1, transient)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
    }

    static func text(_ row: OpaquePointer, _ column: Int32) -> String {
        optionalText(row, column) ?? ""
    }

    static func optionalText(_ row: OpaquePointer, _ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(row, column) else { return nil }
        return String(cString: pointer)
    }

    /// Lists are stored joined by the unit separator, which no knowledge value holds.
    static let separator = "\u{1F}"

    static func list(_ text: String) -> [String] {
        text.isEmpty ? [] : text.components(separatedBy: separator)
    }

    /// SQLite copies bound text before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
