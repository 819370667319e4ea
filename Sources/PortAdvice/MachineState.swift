import Foundation
import PortListeners
import PortRegistry

/// What this machine says about its ports at one moment: its ephemeral range, the ports it keeps out of that
/// range, and what listens. `read()` takes it; the verdict only looks at it, so a test can build one.
public struct MachineState: Sendable {
    /// The range outgoing connections take source ports from, when it could be read.
    public var localPortRange: LocalPortRange?
    /// The ports kept out of that range (Linux's `ip_local_reserved_ports`).
    public var reservedPorts: [PortSpan]
    /// Where the reserved ports were read, for the reason's source.
    public var reservedPortsOrigin: String?
    /// Every listener on the machine (or on the ports of interest).
    public var listeners: [Listener]
    /// When the machine was read, ISO 8601.
    public var readAt: String

    public init(
        localPortRange: LocalPortRange?,
        reservedPorts: [PortSpan] = [],
        reservedPortsOrigin: String? = nil,
        listeners: [Listener] = [],
        readAt: String
    ) {
        self.localPortRange = localPortRange
        self.reservedPorts = reservedPorts
        self.reservedPortsOrigin = reservedPortsOrigin
        self.listeners = listeners
        self.readAt = readAt
    }

    /// Reads this machine now: on Linux its `ip_local_port_range` and `ip_local_reserved_ports`, and the
    /// listeners on `port` (every listener when `port` is `nil`).
    public static func read(port: UInt16?, scanner: ListenerScanner = ListenerScanner(), procRoot: String = "/proc") -> MachineState {
        let reservedPath = "\(procRoot)/sys/net/ipv4/ip_local_reserved_ports"
        let reserved = LocalPortRange.reservedPorts(procRoot: procRoot)
        return MachineState(
            localPortRange: LocalPortRange.linuxLive(procRoot: procRoot),
            reservedPorts: reserved ?? [],
            reservedPortsOrigin: reserved == nil ? nil : reservedPath,
            listeners: port.map { scanner.listeners(on: $0) } ?? scanner.listeners(),
            readAt: ISO8601DateFormatter().string(from: Date())
        )
    }

    /// The reasons this machine gives about `port`.
    func reasons(port: UInt16, transport: TransportProtocol) -> [PortVerdict.Reason] {
        var reasons: [PortVerdict.Reason] = []
        if let range = localPortRange {
            let isReserved = reservedPorts.contains { $0.contains(port) }
            if range.contains(port), isReserved {
                reasons.append(
                    PortVerdict.Reason(
                        kind: .localReserved,
                        level: .good,
                        text:
                            "this machine's ephemeral range \(range.start)–\(range.end) holds it, but it is reserved, so outgoing connections do not take it",
                        source: reservedPortsOrigin ?? range.origin,
                        date: readAt
                    )
                )
            } else if range.contains(port) {
                reasons.append(
                    PortVerdict.Reason(
                        kind: .localEphemeral,
                        level: .avoid,
                        text: "in this machine's ephemeral range \(range.start)–\(range.end): any outgoing connection may take it as its source port",
                        source: range.origin,
                        date: readAt
                    )
                )
            } else {
                reasons.append(
                    PortVerdict.Reason(
                        kind: .localEphemeral,
                        level: .good,
                        text: "outside this machine's ephemeral range \(range.start)–\(range.end)",
                        source: range.origin,
                        date: readAt
                    )
                )
            }
        }
        let bound = listeners.filter { $0.port == port }
        for listener in bound {
            let holder =
                listener.processes.first.map { "\($0.command) (pid \($0.pid))" }
                ?? (listener.ownerHidden ? "a process of \(listener.user ?? "uid \(listener.uid)")" : "a process")
            let family = listener.isIPv6 ? "IPv6" : "IPv4"
            reasons.append(
                PortVerdict.Reason(
                    kind: .boundHere,
                    level: listener.transport == transport ? .avoid : .warnings,
                    text: "\(holder) listens on \(listener.endpoint) (\(listener.transport.rawValue.uppercased()), \(family)) here now",
                    source: "this machine's socket table (`portatlas why \(port)`)",
                    date: readAt
                )
            )
        }
        if bound.isEmpty {
            reasons.append(
                PortVerdict.Reason(
                    kind: .boundHere,
                    level: .good,
                    text: "nothing listens on it here now (TCP or UDP, IPv4 or IPv6)",
                    source: "this machine's socket table",
                    date: readAt
                )
            )
        }
        return reasons
    }
}
