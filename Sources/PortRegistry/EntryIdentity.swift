/// What makes two records of different registry versions the same entry.
///
/// - A named record is its service name, compared case-insensitively (RFC 6335 §5.1), and its transport
///   protocol (or none): `skytale`/udp. A name held on several ports with one protocol is told apart by its ports.
/// - A record with no name (Reserved, Unassigned, and a few old assignments) is its ports and protocol:
///   `4320-4340`/tcp. An Unassigned range split by a new assignment is therefore one range removed and
///   narrower ones added.
///
/// Beyond identity, `RegistryChanges` pairs what identity cannot: a named record that disappears while another
/// name appears on the same ports and protocol with the same registration date or a shared assignee or
/// contact is a *rename* (`fox-skytale` → `skytale` on 4319); a named record whose ports and protocol turn
/// into a Reserved or Unassigned row is *released* (`netconf-beep` on 831).
public enum EntryIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A named record: its name in lower case and its protocol.
    case named(String, TransportProtocol?)
    /// A record without a name: its ports and protocol.
    case unnamed(PortSpan?, TransportProtocol?)

    public init(_ entry: RegistryEntry) {
        if let name = entry.serviceName {
            self = .named(name.lowercased(), entry.transport)
        } else {
            self = .unnamed(entry.ports, entry.transport)
        }
    }

    /// `skytale/udp`, `4320-4340/tcp`, `(no port)/-`.
    public var description: String {
        switch self {
        case .named(let name, let transport): "\(name)/\(transport?.rawValue ?? "-")"
        case .unnamed(let ports, let transport): "\(ports?.description ?? "(no port)")/\(transport?.rawValue ?? "-")"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}
