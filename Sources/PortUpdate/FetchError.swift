import Foundation

/// Why a download failed. Every message names the address.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The host could not be reached: no network, no DNS, or nothing listening.
    case unreachable(url: String, reason: String)
    /// The server answered with a status other than 200 or 304.
    case httpStatus(url: String, status: Int)
    /// The download did not finish in time.
    case timedOut(url: String, seconds: Int)
    /// The body grew past the size cap.
    case tooLarge(url: String, limit: Int)
    /// The address is not an http or https URL.
    case badURL(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason): "cannot reach \(url): \(reason)"
        case .httpStatus(let url, let status): "\(url) answered HTTP \(status)"
        case .timedOut(let url, let seconds): "\(url) did not answer within \(seconds) s"
        case .tooLarge(let url, let limit): "\(url) sent more than \(limit / 1_048_576) MiB: refusing it as not a registry"
        case .badURL(let text): "'\(text)' is not an http or https address"
        }
    }

    public var errorDescription: String? { description }
}
