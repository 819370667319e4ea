import Foundation
import GRDBSQLite
import PortKnowledge
import PortRegistry

extension KnowledgeIndex {
    /// The index's tables: the facts in the knowledge base's order (`seq`), indexed by first port, ranges,
    /// product and cluster; the catalogue by name; the process knowledge in file order; the signature in `meta`.
    static let schema = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE fact (
            seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, start INTEGER NOT NULL, finish INTEGER NOT NULL,
            transports TEXT NOT NULL, product TEXT NOT NULL, purpose TEXT NOT NULL, cluster TEXT, services TEXT NOT NULL,
            patterns TEXT NOT NULL, note TEXT, title TEXT NOT NULL, url TEXT NOT NULL, retrieved TEXT NOT NULL,
            file TEXT NOT NULL, line INTEGER NOT NULL, bundled INTEGER NOT NULL);
        CREATE INDEX fact_start ON fact (start);
        CREATE INDEX fact_range ON fact (start) WHERE finish > start;
        CREATE INDEX fact_product ON fact (product);
        CREATE INDEX fact_cluster ON fact (cluster) WHERE cluster IS NOT NULL;
        CREATE TABLE product (
            name TEXT PRIMARY KEY, slug TEXT NOT NULL, aliases TEXT NOT NULL, field TEXT NOT NULL, homepage TEXT,
            widelyUsed INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, bundled INTEGER NOT NULL);
        CREATE TABLE process (
            seq INTEGER PRIMARY KEY, product TEXT NOT NULL, os TEXT, executables TEXT NOT NULL, commands TEXT NOT NULL,
            units TEXT NOT NULL, ports TEXT NOT NULL, free TEXT, run TEXT NOT NULL, note TEXT, title TEXT NOT NULL,
            url TEXT NOT NULL, retrieved TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, bundled INTEGER NOT NULL);
        """

    /// Writes `base` as an index of files with `signature` at `path`: into a temporary file beside it, renamed
    /// into place, so a reader sees the old index or the new one, never half of one.
    /// - Returns: whether the index was written; `false` when the folder or the file cannot be written.
    @discardableResult
    static func write(_ base: KnowledgeBase, signature: String, to path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp"
        var handle: OpaquePointer?
        guard sqlite3_open_v2(temporary, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            unlink(temporary)
            return false
        }
        let written = fill(handle, with: base, signature: signature)
        let closed = sqlite3_close_v2(handle) == SQLITE_OK
        guard written, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Creates the tables on `connection` and inserts `base` and the signature, in one transaction.
    private static func fill(_ connection: OpaquePointer, with base: KnowledgeBase, signature: String) -> Bool {
        func run(_ sql: String) -> Bool { sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK }
        func insert(_ sql: String, _ rows: [[Value]]) -> Bool {
            guard let statement = prepare(sql, [], on: connection) else { return false }
            defer { sqlite3_finalize(statement) }
            for values in rows {
                sqlite3_reset(statement)
                bind(values, to: statement)
                guard sqlite3_step(statement) == SQLITE_DONE else { return false }
            }
            return true
        }
        let facts = base.facts.enumerated().map { seq, fact -> [Value] in
            [
                .int(Int64(seq)), .text(fact.kind.rawValue), .int(Int64(fact.ports.start)), .int(Int64(fact.ports.end)),
                .text(fact.transports.map(\.rawValue).joined(separator: separator)), .text(fact.product), .text(fact.purpose),
                .text(fact.cluster), .text(fact.services.joined(separator: separator)), .text(fact.patterns.joined(separator: separator)),
                .text(fact.note), .text(fact.source.title), .text(fact.source.url), .text(fact.source.retrieved),
                .text(fact.origin.file), .int(Int64(fact.origin.line)), .int(fact.origin.isBundled ? 1 : 0),
            ]
        }
        let products = base.products.map { product -> [Value] in
            [
                .text(product.name), .text(product.slug), .text(product.aliases.joined(separator: separator)), .text(product.field.rawValue),
                .text(product.homepage), .int(product.isWidelyUsed ? 1 : 0), .text(product.origin.file), .int(Int64(product.origin.line)),
                .int(product.origin.isBundled ? 1 : 0),
            ]
        }
        let processes = base.processes.enumerated().map { seq, process -> [Value] in
            [
                .int(Int64(seq)), .text(process.product), .text(process.system?.rawValue),
                .text(process.executables.joined(separator: separator)),
                .text(process.commands.map { $0.joined(separator: " ") }.joined(separator: separator)),
                .text(process.units.joined(separator: separator)), .text(process.ports.map(\.description).joined(separator: separator)),
                .text(process.free), .text(process.run.joined(separator: separator)), .text(process.note), .text(process.source.title),
                .text(process.source.url), .text(process.source.retrieved), .text(process.origin.file), .int(Int64(process.origin.line)),
                .int(process.origin.isBundled ? 1 : 0),
            ]
        }
        let placeholders = Array(repeating: "?", count: 17).joined(separator: ", ")
        return run("PRAGMA journal_mode = OFF") && run(schema) && run("BEGIN")
            && insert("INSERT INTO fact (\(factColumns)) VALUES (\(placeholders))", facts)
            && insert("INSERT INTO product VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", products)
            && insert("INSERT INTO process VALUES (\(Array(repeating: "?", count: 16).joined(separator: ", ")))", processes)
            && insert("INSERT INTO meta VALUES ('signature', ?)", [[.text(signature)]])
            && run("COMMIT")
    }
}
