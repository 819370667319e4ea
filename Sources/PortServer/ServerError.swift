import Foundation

/// What can go wrong setting up the server beyond the store and the site's files. Every message names the
/// value or the file concerned.
public enum ServerError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// A `--trusted-proxy` value that is not an address or a CIDR block.
    case malformedAddressBlock(String)
    /// The vote key file cannot be created or read.
    case voteKeyUnreadable(path: String, reason: String)
    /// The vote key file may be read by other users, or is not a key.
    case voteKeyUnsafe(path: String, reason: String)

    public var description: String {
        switch self {
        case .malformedAddressBlock(let text): "'\(text)' is not an IP address or a CIDR block such as 10.0.0.0/8 or 2001:db8::/32"
        case .voteKeyUnreadable(let path, let reason): "cannot read or create the vote key \(path): \(reason)"
        case .voteKeyUnsafe(let path, let reason): "the vote key \(path) \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
