import Foundation
import PortRegistry

/// The ports an operating system picks from for outgoing connections ("ephemeral" ports).
public struct LocalPortRange: Sendable, Hashable {
    /// Which system the range belongs to.
    public var system: String
    public var start: UInt16
    public var end: UInt16
    /// Where the figure comes from: a live setting or the system's documented default.
    public var origin: String

    public init(system: String, start: UInt16, end: UInt16, origin: String) {
        self.system = system
        self.start = start
        self.end = end
        self.origin = origin
    }

    /// Whether `port` falls in the range.
    public func contains(_ port: UInt16) -> Bool { start <= port && port <= end }

    /// Linux's range as this machine has it now, from `/proc/sys/net/ipv4/ip_local_port_range`.
    public static func linuxLive(procRoot: String = "/proc") -> LocalPortRange? {
        let path = "\(procRoot)/sys/net/ipv4/ip_local_port_range"
        guard let text = ListenerScanner.readSmallFile(path) else { return nil }
        let bounds = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { UInt16($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { return nil }
        return LocalPortRange(system: "Linux (this machine)", start: bounds[0], end: bounds[1], origin: path)
    }

    /// The ports Linux keeps out of its ephemeral range, from `/proc/sys/net/ipv4/ip_local_reserved_ports`
    /// (`8080,9000-9010`); empty when none are, `nil` when the file cannot be read.
    public static func reservedPorts(procRoot: String = "/proc") -> [PortSpan]? {
        guard let text = ListenerScanner.readSmallFile("\(procRoot)/sys/net/ipv4/ip_local_reserved_ports") else { return nil }
        return text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " }).compactMap { try? PortSpan(parsing: $0) }
    }

    /// Linux's default, 32768–60999.
    public static let linuxDefault = LocalPortRange(system: "Linux", start: 32768, end: 60999, origin: "the kernel's default")
    /// Windows (Vista and later) and macOS use IANA's Dynamic range, 49152–65535.
    public static let windows = LocalPortRange(system: "Windows", start: 49152, end: 65535, origin: "the system's default")
    public static let macOS = LocalPortRange(system: "macOS", start: 49152, end: 65535, origin: "the system's default")
}
