import PortKnowledge
import PortRegistry

/// Every port 0–65535 as the registry classes it, with the ports the curated knowledge knows an unofficial
/// use of: the facts behind the site's atlas, computed once per registry version from its entries.
///
/// A port's kind is the strongest thing any record covering it says: an assignment on TCP and UDP, on TCP
/// only, on UDP only, some other assignment (SCTP or DCCP only, no protocol, or no service name), Reserved,
/// or nothing (Unassigned, or no record at all). Service names registered with no port (for DNS SRV) are
/// counted apart: they have no place on the map.
public struct PortAtlas: Sendable {
    /// What the registry says of one port.
    public enum Kind: UInt8, Sendable, CaseIterable {
        case unassigned, both, tcp, udp, other, reserved

        /// A short, stable name for markup and JSON (`both`, `tcp`, …).
        public var name: String {
            switch self {
            case .unassigned: "unassigned"
            case .both: "both"
            case .tcp: "tcp"
            case .udp: "udp"
            case .other: "other"
            case .reserved: "reserved"
            }
        }
    }

    /// What a run of ports holds: how many of each kind, and how many have a known unofficial use.
    public struct Counts: Sendable, Hashable {
        /// Ports per kind, indexed by `Kind.rawValue`.
        public var kinds: [Int] = Array(repeating: 0, count: Kind.allCases.count)
        public var unofficial = 0

        public subscript(kind: Kind) -> Int { kinds[Int(kind.rawValue)] }
        /// Ports with any assignment (TCP and UDP, TCP, UDP or other).
        public var assigned: Int { self[.both] + self[.tcp] + self[.udp] + self[.other] }
    }

    private let kinds: [Kind]
    private let marks: [Bool]
    /// How many records name a service with no port (for DNS SRV): they are not on the map.
    public let nameOnly: Int

    /// The atlas of `entries` (one registry version), with unofficial uses from `facts`.
    ///
    /// A use is unofficial at a port when the registry assigns the port to nothing the use speaks: the port is
    /// unassigned or reserved, or the use collides with its registered service (the report's own rule,
    /// `WhatPortIs.collisions`). Windows wider than `WhatPortIs.wideRange` ports (ephemeral ranges, NodePorts)
    /// are where a system may pick a port, not a claim on each port, and are left out.
    public init(entries: [RegistryEntry], facts: [KnowledgeFact]) {
        var flags = [UInt8](repeating: 0, count: 65536)
        let tcp: UInt8 = 1
        let udp: UInt8 = 2
        let other: UInt8 = 4
        let reserved: UInt8 = 8
        var nameOnly = 0
        for entry in entries {
            guard let span = entry.ports else {
                if entry.serviceName != nil { nameOnly += 1 }
                continue
            }
            let flag: UInt8
            switch entry.status {
            case .unassigned: continue
            case .reserved: flag = reserved
            case .assigned:
                if entry.serviceName == nil {
                    flag = other
                } else {
                    switch entry.transport {
                    case .tcp: flag = tcp
                    case .udp: flag = udp
                    default: flag = other
                    }
                }
            }
            for port in Int(span.start)...Int(span.end) { flags[port] |= flag }
        }
        kinds = flags.map { flag in
            if flag & (tcp | udp) == tcp | udp { return .both }
            if flag & tcp != 0 { return .tcp }
            if flag & udp != 0 { return .udp }
            if flag & other != 0 { return .other }
            return flag & reserved != 0 ? .reserved : .unassigned
        }
        self.nameOnly = nameOnly

        // The records at each port a narrow use touches, to ask whether the use speaks what is registered.
        let uses = facts.filter { $0.kind == .use && $0.ports.count <= WhatPortIs.wideRange }
        var touched = Set<UInt16>()
        for fact in uses { for port in fact.ports.start...fact.ports.end { touched.insert(port) } }
        var recordsAt: [UInt16: [RegistryEntry]] = [:]
        for entry in entries where entry.status == .assigned {
            guard let span = entry.ports else { continue }
            for port in span.start...span.end where touched.contains(port) { recordsAt[port, default: []].append(entry) }
        }
        var marks = [Bool](repeating: false, count: 65536)
        for fact in uses {
            for port in fact.ports.start...fact.ports.end where !marks[Int(port)] {
                let records = recordsAt[port] ?? []
                if records.isEmpty || !WhatPortIs.collisions(of: fact, with: records).isEmpty { marks[Int(port)] = true }
            }
        }
        self.marks = marks
    }

    /// What the registry says of `port`.
    public func kind(of port: UInt16) -> Kind { kinds[Int(port)] }

    /// Whether the curated knowledge knows a use of `port` the registry does not assign it to.
    public func hasUnofficialUse(_ port: UInt16) -> Bool { marks[Int(port)] }

    /// The counts over `ports`.
    public func counts(in ports: ClosedRange<UInt16>) -> Counts {
        var counts = Counts()
        for port in ports {
            counts.kinds[Int(kinds[Int(port)].rawValue)] += 1
            if marks[Int(port)] { counts.unofficial += 1 }
        }
        return counts
    }
}
