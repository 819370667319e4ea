import Foundation

/// What can go wrong with the store. Every message names the file or value concerned.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The database file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// The database file is not portatlas's, or is damaged.
    case notAStore(path: String, reason: String)
    /// No registry version has that number.
    case noSuchVersion(Int64)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the store at \(path): \(reason)"
        case .notAStore(let path, let reason): "\(path) is not a portatlas store, or is damaged: \(reason)"
        case .noSuchVersion(let id): "the store holds no registry version \(id)"
        }
    }

    public var errorDescription: String? { description }
}
