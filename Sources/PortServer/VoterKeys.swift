import Crypto
import Foundation
import HTTPTypes

/// Turns a voter's address into the key the vote limits count: an HMAC-SHA256 of the voter's network (its
/// IPv4 address, or the /64 of its IPv6 one) under a secret kept outside the database, so the store never
/// holds an address, nor anything that can be turned back into one without the secret.
///
/// The secret lives in `vote-key`, a file of 32 random bytes beside the store, readable by its owner only
/// (0600), made on the first run. To rotate it, stop the server, delete the file and start again: the limits
/// start afresh, the votes stay.
///
/// Behind a reverse proxy every peer is the proxy. A peer inside one of `trustedProxies` may say who its
/// client is (`Forwarded: for=`, else `X-Forwarded-For`); any other peer is the client, whatever it says.
public struct VoterKeys: Sendable {
    /// The HMAC key's bytes (swift-crypto's `SymmetricKey` is not `Sendable` in 3.x).
    let secret: [UInt8]
    /// The peers whose `Forwarded` and `X-Forwarded-For` headers are believed.
    public let trustedProxies: [AddressBlock]

    /// The file's name, in the store's folder.
    public static let fileName = "vote-key"

    /// Keys under a secret that lives only as long as this value (for the static export, which takes no votes).
    public init(trustedProxies: [AddressBlock] = []) {
        self.init(secret: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }, trustedProxies: trustedProxies)
    }

    init(secret: [UInt8], trustedProxies: [AddressBlock]) {
        self.secret = secret
        self.trustedProxies = trustedProxies
    }

    /// The keys for the store at `storePath`, with the secret read from `vote-key` beside it, or made there.
    /// - Throws: `ServerError.voteKeyUnreadable` when the file cannot be made or read, `.voteKeyUnsafe` when
    ///   others may read it or it holds no 32-byte key.
    public static func load(besideStore storePath: String, trustedProxies: [AddressBlock] = []) throws(ServerError) -> VoterKeys {
        let path = URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent(fileName).path
        return VoterKeys(secret: try secret(at: path), trustedProxies: trustedProxies)
    }

    /// The keys with the secret in the file at `path` (made there when missing): `--vote-key`, a file every
    /// replica sharing the votes must hold the same copy of.
    /// - Throws: as `load(besideStore:trustedProxies:)`.
    public static func load(path: String, trustedProxies: [AddressBlock] = []) throws(ServerError) -> VoterKeys {
        VoterKeys(secret: try secret(at: path), trustedProxies: trustedProxies)
    }

    static func secret(at path: String) throws(ServerError) -> [UInt8] {
        // O_EXCL: of two servers starting at once, one makes the key and the other reads it.
        let made = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if made >= 0 {
            defer { close(made) }
            let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let written = key.withUnsafeBytes { Foundation.write(made, $0.baseAddress, $0.count) }
            guard written == 32, fsync(made) == 0 else { throw .voteKeyUnreadable(path: path, reason: String(cString: strerror(errno))) }
            return key
        }
        guard errno == EEXIST else { throw .voteKeyUnreadable(path: path, reason: String(cString: strerror(errno))) }
        let mode: Int
        do {
            mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        } catch {
            throw .voteKeyUnreadable(path: path, reason: error.localizedDescription)
        }
        guard mode & 0o077 == 0 else {
            throw .voteKeyUnsafe(path: path, reason: "may be read by other users (mode \(String(mode, radix: 8))): chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .voteKeyUnreadable(path: path, reason: "cannot be read")
        }
        guard data.count == 32 else {
            throw .voteKeyUnsafe(path: path, reason: "holds \(data.count) bytes, not a 32-byte key: delete it to make a new one")
        }
        return Array(data)
    }

    /// The limits' key for a request from `peer` (the socket's remote address) with `headers`.
    public func key(peer: String?, headers: HTTPFields) -> String {
        let client = clientAddress(peer: peer, headers: headers)
        let network = IPAddress(client).map(\.network) ?? client
        let code = HMAC<SHA256>.authenticationCode(for: Array(network.utf8), using: SymmetricKey(data: secret))
        return code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Who the client is: the peer, unless the peer is a trusted proxy; then the nearest address in the
    /// forwarding chain that is not a trusted proxy (a client can write anything into the headers, so only
    /// what trusted hops appended counts).
    public func clientAddress(peer: String?, headers: HTTPFields) -> String {
        guard let peer else { return "unknown" }
        guard isTrusted(peer) else { return peer }
        var chain: [String]
        if let forwarded = headers[values: .forwarded].nonEmpty {
            chain = forwarded.flatMap(Self.forwardedFor)
        } else {
            chain = headers[values: .xForwardedFor].flatMap { $0.split(separator: ",").map { Self.bare(String($0)) } }
        }
        chain = chain.filter { !$0.isEmpty }
        while let last = chain.last, isTrusted(last) {
            if chain.count == 1 { return last }
            chain.removeLast()
        }
        return chain.last ?? peer
    }

    func isTrusted(_ address: String) -> Bool {
        guard let address = IPAddress(address) else { return false }
        return trustedProxies.contains { $0.contains(address) }
    }

    /// The `for=` values of a `Forwarded` header (RFC 7239), in order.
    static func forwardedFor(_ header: String) -> [String] {
        header.split(separator: ",").compactMap { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "for" else { continue }
                return bare(String(parts[1]))
            }
            return nil
        }
    }

    /// An address without quotes, brackets or port: `"[2001:db8::1]:4711"` is `2001:db8::1`, `192.0.2.1:80` is `192.0.2.1`.
    static func bare(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
        if value.hasPrefix("["), let close = value.firstIndex(of: "]") { return String(value[value.index(after: value.startIndex)..<close]) }
        if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") { return String(value[..<colon]) }
        return value
    }
}

extension HTTPField.Name {
    static let forwarded = Self("Forwarded")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}

extension Array {
    /// The array, or `nil` when it is empty.
    var nonEmpty: Self? { isEmpty ? nil : self }
}
