import HTTPTypes

/// What is wrong with a request the server will not answer as asked. Every message names the bad value,
/// cut short when it is long; the status says whose fault it is.
public enum RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query string's percent-escapes decode to bytes that are not UTF-8 text.
    case malformedQueryString
    /// A path segment's percent-escapes decode to bytes that are not UTF-8 text.
    case malformedPath
    /// A required query parameter is missing.
    case missingParameter(String)
    /// A query parameter or path segment is longer than the server reads.
    case parameterTooLong(name: String, limit: Int)
    /// A parameter holds a value the route does not take; `expected` says what it takes.
    case invalidParameter(name: String, value: String, expected: String)
    /// A service-name route was given something that is not a service name (a port, a range).
    case notAServiceName(String)
    /// A request body larger than the route reads.
    case bodyTooLarge(limit: Int)
    /// A form field holds a value the form does not take.
    case invalidField(name: String, value: String, expected: String)
    /// A form field is longer than the form takes.
    case fieldTooLong(name: String, limit: Int)

    var status: HTTPResponse.Status {
        switch self {
        case .bodyTooLarge: .contentTooLarge
        default: .badRequest
        }
    }

    /// The machine-readable code of the JSON error.
    var code: String {
        switch self {
        case .bodyTooLarge: "contentTooLarge"
        default: "badRequest"
        }
    }

    public var description: String {
        switch self {
        case .malformedQueryString: "the query string is not UTF-8 text once its %-escapes are decoded"
        case .malformedPath: "the path is not UTF-8 text once its %-escapes are decoded"
        case .missingParameter(let name): "the query parameter '\(name)' is missing"
        case .parameterTooLong(let name, let limit): "the parameter '\(name)' is longer than \(limit) characters"
        case .invalidParameter(let name, let value, let expected): "'\(Self.quoted(value))' is not a valid \(name): \(expected)"
        case .notAServiceName(let text): "'\(Self.quoted(text))' is a port or a range, not a service name: see /ports/\(Self.quoted(text))"
        case .bodyTooLarge(let limit): "the request body is larger than \(limit) bytes"
        case .invalidField(let name, let value, let expected): "'\(Self.quoted(value))' is not a valid \(name): \(expected)"
        case .fieldTooLong(let name, let limit): "the \(name) is longer than \(limit) characters"
        }
    }

    /// A value as a message shows it: at most 40 characters.
    static func quoted(_ value: String) -> String {
        value.count > 40 ? value.prefix(40) + "…" : value
    }
}
