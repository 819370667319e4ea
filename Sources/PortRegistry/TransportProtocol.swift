/// A transport protocol that IANA assigns service names and port numbers for (RFC 6335 §5).
public enum TransportProtocol: String, Sendable, Hashable, CaseIterable, Comparable {
    case tcp, udp, sctp, dccp

    /// Parses a protocol name case-insensitively; returns `nil` for anything else.
    public init?(name: some StringProtocol) {
        self.init(rawValue: name.lowercased())
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
