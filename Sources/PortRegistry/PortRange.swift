/// The three ranges RFC 6335 §6 divides the port numbers into, with how IANA assigns ports in each.
public enum PortRange: String, Sendable, CaseIterable {
    /// System Ports, 0–1023 (also called well-known ports).
    case system
    /// User Ports, 1024–49151 (also called registered ports).
    case user
    /// Dynamic and/or Private Ports, 49152–65535 (also called ephemeral ports).
    case dynamic

    /// The range that holds `port`.
    public init(containing port: UInt16) {
        switch port {
        case 0...1023: self = .system
        case 1024...49151: self = .user
        default: self = .dynamic
        }
    }

    /// The first port of the range.
    public var start: UInt16 {
        switch self {
        case .system: 0
        case .user: 1024
        case .dynamic: 49152
        }
    }

    /// The last port of the range.
    public var end: UInt16 {
        switch self {
        case .system: 1023
        case .user: 49151
        case .dynamic: 65535
        }
    }

    /// The range's name as RFC 6335 writes it.
    public var title: String {
        switch self {
        case .system: "System Ports"
        case .user: "User Ports"
        case .dynamic: "Dynamic and/or Private Ports"
        }
    }

    /// The range's older, informal name.
    public var informalName: String {
        switch self {
        case .system: "well-known ports"
        case .user: "registered ports"
        case .dynamic: "ephemeral ports"
        }
    }

    /// How IANA assigns ports in the range, after RFC 6335 §6 and §8.1.2 and the registry's own note.
    public var assignmentPolicy: String {
        switch self {
        case .system:
            "Assigned by IANA through the \"IETF Review\" or \"IESG Approval\" procedures (RFC 6335 §8.1.2, RFC 8126)."
        case .user:
            "Assigned by IANA through the \"IETF Review\", \"IESG Approval\" or \"Expert Review\" procedures (RFC 6335 §8.1.2)."
        case .dynamic:
            "Never assigned: left for local, private and temporary use, such as the source ports an operating system picks for outgoing connections (RFC 6335 §6)."
        }
    }
}
