/// Who can reach a listening socket, judged by the address it is bound to.
public enum Exposure: Sendable, Hashable {
    /// Bound to a loopback address (127.0.0.0/8, ::1): only this machine can connect.
    case loopback
    /// Bound to every address (0.0.0.0 or ::): any network this machine is on can connect, unless a
    /// firewall stops it.
    case allInterfaces
    /// Bound to one address of the machine: the network that address is on can connect.
    case address(String)

    /// The exposure of a socket bound to `address`.
    public init(address: String) {
        let plain = address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : address
        if plain == "0.0.0.0" || plain == "::" || plain == "*" {
            self = .allInterfaces
        } else if plain.hasPrefix("127.") || plain == "::1" || plain == "localhost" {
            self = .loopback
        } else {
            self = .address(plain)
        }
    }

    /// Whether other machines may reach the socket.
    public var isReachableFromNetwork: Bool { self != .loopback }

    /// The exposure said plainly.
    public var summary: String {
        switch self {
        case .loopback: "loopback only: only programs on this machine can connect"
        case .allInterfaces: "reachable from the network: bound to every address of this machine (unless a firewall blocks it)"
        case .address(let address): "reachable from the network on \(address) (unless a firewall blocks it)"
        }
    }

    /// A short name for `--json`: `loopback`, `all-interfaces` or `address`.
    public var name: String {
        switch self {
        case .loopback: "loopback"
        case .allInterfaces: "all-interfaces"
        case .address: "address"
        }
    }
}
