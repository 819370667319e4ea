import Foundation
import GRDBSQLite
import PortRegistry

/// Read-only access to the store, straight through SQLite's C API.
///
/// Lookups are what people run most, as whole processes: this path opens one read-only connection and runs
/// a handful of prepared statements, without the set-up a full database layer does on open (measured in the
/// README's "Speed"). Writes, migrations and transactions stay with `RegistryStore` (GRDB).
public final class RegistryReader: @unchecked Sendable {
    // @unchecked: the connection is opened with SQLITE_OPEN_FULLMUTEX, so SQLite serializes its use.
    private let connection: OpaquePointer
    /// The store's file.
    public let path: String
    /// The entry columns every entry query selects: a store written before the v4 migration has no
    /// `portText`, and is read as it is (single ports then export as single ports) until a write migrates it.
    /// Set once, in `open`, before the reader is shared.
    private(set) var entryColumns = RegistryReader.entryColumns(portText: true)

    private init(connection: OpaquePointer, path: String) {
        self.connection = connection
        self.path = path
    }

    deinit { sqlite3_close_v2(connection) }

    /// Opens the store at `path` for reading; `nil` when there is no store there yet.
    /// - Throws: `StoreError.notAStore` when the file exists but is not a store portatlas can read.
    public static func open(path: String) throws(StoreError) -> RegistryReader? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            throw .notAStore(path: path, reason: reason)
        }
        sqlite3_busy_timeout(handle, 5000)
        let reader = RegistryReader(connection: handle, path: path)
        let tables = try reader.rows("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'currentRegistry'") { $0.int(0) ?? 0 }
        guard tables.first == 1 else { return nil }
        let portText = try reader.rows("SELECT count(*) FROM pragma_table_info('entry') WHERE name = 'portText'") { $0.int(0) ?? 0 }
        if portText.first != 1 { reader.entryColumns = Self.entryColumns(portText: false) }
        return reader
    }

    // MARK: - Statements

    /// A value bound to a statement's parameter.
    enum Value {
        case int(Int64)
        case real(Double)
        case text(String)
        case null

        static func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
    }

    /// The current row of a statement being stepped.
    struct Row {
        let statement: OpaquePointer

        func text(_ column: Int32) -> String? {
            guard let pointer = sqlite3_column_text(statement, column) else { return nil }
            return String(cString: pointer)
        }

        func int(_ column: Int32) -> Int64? {
            sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
        }

        func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    }

    /// Runs `sql` with `values` bound in order, and makes a value of each row.
    func rows<T>(_ sql: String, _ values: [Value] = [], _ make: (Row) throws -> T) throws(StoreError) -> [T] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure()
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .int(let number): sqlite3_bind_int64(statement, position, number)
            case .real(let number): sqlite3_bind_double(statement, position, number)
            case .text(let text): sqlite3_bind_text(statement, position, text, -1, Self.transient)
            case .null: sqlite3_bind_null(statement, position)
            }
        }
        var results: [T] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                do {
                    results.append(try make(Row(statement: statement)))
                } catch let error as StoreError {
                    throw error
                } catch {
                    throw .notAStore(path: path, reason: "\(error)")
                }
            case SQLITE_DONE:
                return results
            default:
                throw failure()
            }
        }
    }

    private func failure() -> StoreError {
        .notAStore(path: path, reason: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
