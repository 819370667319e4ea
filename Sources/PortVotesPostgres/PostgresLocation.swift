import Foundation
import NIOSSL
import PortStore
import PostgresNIO

/// Where the votes' PostgreSQL database is, read from a URL as libpq reads one:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full]`, or a Unix
/// socket's folder in `?host=/run/postgresql` (then the URL's host is left empty: `postgres://portatlas@/portatlas?host=/run/postgresql`).
public struct PostgresLocation: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file itself: `<folder>/.s.PGSQL.<port>`.
        case socket(path: String)
    }

    /// How TLS is used, with libpq's names and meanings.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// Always, without checking the certificate.
        case require
        /// Always, with the certificate checked against the system's roots and the host's name.
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    /// The URL without its password, for messages and logs.
    public let shown: String

    /// Reads `text`.
    /// - Throws: `VoteStoreError.malformedLocation`, naming the URL (its password hidden) and what is wrong.
    public init(parsing text: String) throws(VoteStoreError) {
        let shown = Self.hidingPassword(text)
        func bad(_ reason: String) -> VoteStoreError { .malformedLocation(shown, reason: reason) }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else {
            throw bad("it is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw bad("the scheme is '\(scheme)', not postgres or postgresql")
        }
        guard let user = url.user?.removingPercentEncoding, !user.isEmpty else { throw bad("it names no user (postgres://USER@HOST/DATABASE)") }
        let database = String(url.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        guard !database.contains("/") else { throw bad("the database name '\(database)' has a '/' in it") }
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] {
            guard ["sslmode", "host"].contains(item.name) else {
                throw bad("'\(item.name)' is not a parameter portatlas reads (sslmode, host)")
            }
            query[item.name] = item.value ?? ""
        }
        let port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw bad("the port \(port) is not between 1 and 65535") }
        if let folder = query["host"], folder.hasPrefix("/") {
            endpoint = .socket(path: "\(folder)/.s.PGSQL.\(port)")
        } else if let host = query["host"] ?? url.host, !host.isEmpty {
            endpoint = .tcp(host: host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, port: port)
        } else {
            throw bad("it names no host (postgres://USER@HOST/DATABASE, or ?host=/run/postgresql for a Unix socket)")
        }
        let mode = query["sslmode"] ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw bad("sslmode '\(mode)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.user = user
        self.password = url.password?.removingPercentEncoding
        self.database = database.isEmpty ? user : database
        self.sslMode = sslMode
        self.shown = shown
    }

    /// `db.example:5432/portatlas`, or the socket and the database.
    public var place: String {
        switch endpoint {
        case .tcp(let host, let port): "PostgreSQL at \(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        case .socket(let path): "PostgreSQL at \(path) (\(database))"
        }
    }

    /// The pool's configuration.
    var configuration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database)
        }
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 16
        configuration.options.minimumConnections = 0
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(15))
        return configuration
    }

    var tls: PostgresClient.Configuration.TLS {
        var unchecked = TLSConfiguration.makeClientConfiguration()
        unchecked.certificateVerification = .none
        return switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(unchecked)
        case .require: .require(unchecked)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// `text` with the password between `:` and `@` replaced by `***`.
    static func hidingPassword(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let userInfo = text[schemeEnd.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
