import Foundation
import PortStore

/// Read-only connections to the store, handed out in turn, so requests read in parallel.
///
/// Each connection is a `RegistryReader` (SQLite's C API, the queries the CLI runs). SQLite serialises the
/// calls on one connection; with more connections than threads reading, two requests seldom meet on one.
/// WAL mode lets them all read while a vote is being written.
public final class ReaderPool: @unchecked Sendable {
    // @unchecked: `turn` is touched under `lock`; the readers are Sendable.
    private let readers: [RegistryReader]
    private let lock = NSLock()
    private var turn = 0

    /// Twice the cores: the cooperative pool has one thread a core, and export workers or blocking reads may add more.
    public static let defaultSize = max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)

    /// Opens `size` connections (at least one) to `store`.
    /// - Throws: `StoreError.notAStore` when the file cannot be read.
    public init(store: RegistryStore, size: Int) throws(StoreError) {
        var readers: [RegistryReader] = []
        for _ in 0..<max(1, size) { readers.append(try store.reader()) }
        self.readers = readers
    }

    /// The connection whose turn it is.
    public var reader: RegistryReader {
        lock.lock()
        defer { lock.unlock() }
        turn = turn == readers.count - 1 ? 0 : turn + 1
        return readers[turn]
    }

    /// How many connections there are.
    public var size: Int { readers.count }
}
