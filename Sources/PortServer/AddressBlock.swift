import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`127.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`), or one address.
///
/// IPv4 is kept as IPv4-mapped IPv6 (`::ffff:a.b.c.d`), so an IPv4 block also matches a peer that the
/// socket reports in its mapped IPv6 form.
public struct AddressBlock: Sendable, Hashable, CustomStringConvertible {
    /// The network's 16 bytes.
    let bytes: [UInt8]
    /// How many leading bits must match, 0–128.
    let prefixLength: Int
    public let description: String

    /// Parses `text`.
    /// - Throws: `ServerError.malformedAddressBlock` naming the text.
    public init(parsing text: String) throws(ServerError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(parts[0])) else { throw .malformedAddressBlock(text) }
        let maximum = address.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let number = Int(parts[1]), (0...maximum).contains(number), parts[1].allSatisfy(\.isASCII) else {
                throw .malformedAddressBlock(text)
            }
            length = number
        }
        prefixLength = address.isIPv4 ? length + 96 : length
        bytes = Self.masked(address.bytes, prefixLength)
        description = text
    }

    /// Whether `address` lies in this block.
    public func contains(_ address: IPAddress) -> Bool {
        Self.masked(address.bytes, prefixLength) == bytes
    }

    /// `bytes` with every bit after the first `length` cleared.
    static func masked(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = min(max(length - index * 8, 0), 8)
            return kept == 8 ? byte : byte & ~(0xff >> UInt8(kept))
        }
    }
}

/// One IPv4 or IPv6 address, as 16 bytes (IPv4 mapped into IPv6).
public struct IPAddress: Sendable, Hashable {
    public let bytes: [UInt8]

    /// Whether this is an IPv4 address (or IPv4-mapped IPv6).
    public var isIPv4: Bool { bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff }

    /// Parses a textual IPv4 or IPv6 address (no port, no brackets, no zone); `nil` for anything else.
    public init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = Array(repeating: 0, count: 10) + [0xff, 0xff] + withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
    }

    /// The network a client is known by: the whole IPv4 address, or the /64 of an IPv6 one (a home or an
    /// office gets a /64, and picks addresses in it at will).
    public var network: String {
        if isIPv4 { return bytes[12...].map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
            + "::/64"
    }
}
