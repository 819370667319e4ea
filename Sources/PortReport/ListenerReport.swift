import Foundation
import PortListeners
import PortRegistry

/// What is listening on this machine, on one port or on all, with the registry's name for each port.
public struct ListenerReport: Sendable {
    /// The port asked about, or `nil` for every listener.
    public var port: UInt16?
    public var listeners: [Listener]
    /// The registry's service names for each port listed, per protocol.
    public var names: [UInt16: [TransportProtocol: String]]
    /// Where the names came from.
    public var source: AnswerSource

    /// A report of listeners already found, named by the caller.
    public init(port: UInt16?, listeners: [Listener], names: [UInt16: [TransportProtocol: String]], source: AnswerSource) {
        self.port = port
        self.listeners = listeners
        self.names = names
        self.source = source
    }

    /// Scans the machine and names the ports through `lookup`.
    /// - Throws: `StoreError` when the store cannot be read.
    public init(port: UInt16?, scanner: ListenerScanner = ListenerScanner(), lookup: PortLookup) throws {
        self.port = port
        listeners = port.map { scanner.listeners(on: $0) } ?? scanner.listeners()
        var names: [UInt16: [TransportProtocol: String]] = [:]
        var source: AnswerSource?
        for port in Set(listeners.map(\.port)).union(port.map { [$0] } ?? []) {
            let answer = try lookup.answer(.port(port))
            source = answer.source
            let named = Self.serviceNames(answer.entries)
            if !named.isEmpty { names[port] = named }
        }
        self.names = names
        self.source = try source ?? lookup.answer(.port(0)).source
    }

    /// The registry's service name per protocol among `entries`, the first for each; an entry that names no
    /// protocol names both TCP and UDP, the protocols a listener can have.
    public static func serviceNames(_ entries: [RegistryEntry]) -> [TransportProtocol: String] {
        var names: [TransportProtocol: String] = [:]
        for entry in entries {
            guard let name = entry.serviceName else { continue }
            for transport in entry.transport.map({ [$0] }) ?? [.tcp, .udp] where names[transport] == nil {
                names[transport] = name
            }
        }
        return names
    }

    /// The report as JSON: `port`, `registry`, `listeners` [{`protocol`, `address`, `port`, `ipv6`, `service`,
    /// `uid`, `user`, `inode`, `ownerHidden`, `processes` [{`pid`, `command`, `commandLine`, `startedAt`}]}].
    public var json: JSONValue {
        .object([
            ("port", .number(port)),
            ("registry", source.json),
            (
                "listeners",
                .array(
                    listeners.map { listener in
                        .object([
                            ("protocol", .string(listener.transport.rawValue)),
                            ("address", .string(listener.address)),
                            ("port", .number(listener.port)),
                            ("ipv6", .bool(listener.isIPv6)),
                            ("service", .string(names[listener.port]?[listener.transport])),
                            ("uid", .number(listener.uid)),
                            ("user", .string(listener.user)),
                            ("inode", .number(listener.inode)),
                            ("ownerHidden", .bool(listener.ownerHidden)),
                            (
                                "processes",
                                .array(
                                    listener.processes.map { process in
                                        .object([
                                            ("pid", .number(process.pid)),
                                            ("command", .string(process.command)),
                                            ("commandLine", .string(process.commandLine)),
                                            ("startedAt", process.startedAt.map { .string(Self.timestamp($0)) } ?? .null),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
        ])
    }

    /// The report for a person: one line a socket.
    public func text(style: TextStyle) -> String {
        var lines: [String] = []
        if let port {
            let name = names[port].map { Set($0.values).sorted().joined(separator: ", ").terminalSafeLine } ?? ""
            lines.append(style.bold("Port \(port)") + (name.isEmpty ? "" : " · registry: \(name)"))
            if listeners.isEmpty {
                lines.append("Nothing is listening on port \(port) on this machine.")
                return lines.joined(separator: "\n") + "\n"
            }
        } else if listeners.isEmpty {
            return "Nothing is listening on this machine.\n"
        }
        lines += rows(style: style)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line a socket: protocol, address, then the service name (for every port) or the processes.
    public func rows(style: TextStyle) -> [String] {
        var lines: [String] = []
        let endpointWidth = min(max(listeners.map(\.endpoint.count).max() ?? 0, 10), 40)
        for listener in listeners {
            let service = names[listener.port]?[listener.transport]?.terminalSafeLine ?? "-"
            let owner: String
            if listener.ownerHidden {
                let who = listener.user?.terminalSafeLine ?? "uid \(listener.uid)"
                owner = style.dim(
                    geteuid() == 0
                        ? "owned by \(who); its process is outside this PID namespace (another container?)"
                        : "owned by \(who); its process is hidden from this user: run as root to see it"
                )
            } else {
                owner = listener.processes.map { process in
                    let since = process.startedAt.map { ", since \(Self.timestamp($0))" } ?? ""
                    let user = listener.user?.terminalSafeLine ?? String(listener.uid)
                    return "\(style.bold(process.command.terminalSafeLine)) (pid \(process.pid), user \(user)\(since))"
                }.joined(separator: "; ")
            }
            let columns = [
                listener.transport.rawValue.padding(4),
                listener.endpoint.padding(endpointWidth + 1),
                (port == nil ? style.accent(service.padding(16)) : ""),
                owner,
            ]
            lines.append(columns.joined())
        }
        return lines
    }

    /// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`.
    static func timestamp(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d UTC",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec)
        )
    }
}
