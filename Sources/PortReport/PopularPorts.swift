import Foundation
import PortKnowledge
import PortRegistry

/// The ports people ask about most, each with the name a person knows it by: "22 ssh", "5432 PostgreSQL".
public struct PopularPorts: Sendable {
    /// One popular port and what to call it.
    public struct Port: Sendable, Hashable {
        public var port: UInt16
        /// The catalogued product that owns the port's registered service ("PostgreSQL" for `postgresql`), else
        /// the registry's TCP (then any) service name, else the first product the knowledge knows on it.
        public var name: String?
    }

    /// The ports, most asked about first.
    public var ports: [Port]
    /// Where the order comes from: nmap's services file (its path), or `nil` for the curated list.
    public var source: String?

    /// The order used when nmap's data is not installed. A list chosen by hand, not measured: the
    /// well-known services every network engineer meets (SSH, the web, mail, DNS, remote desktops, file
    /// sharing), then the default ports of widely deployed databases, caches, brokers and development
    /// servers, which are what people type into a search box when a firewall rule or a `docker run -p`
    /// puzzles them. With nmap's data the order is measured instead: how often scans find the port open.
    public static let curated: [UInt16] = [
        22, 80, 443, 21, 25, 53, 3389, 3306, 5432, 8080, 6379, 27017, 445, 23, 110, 143, 993, 587, 1433, 5672,
        9200, 11211, 8443, 5900,
    ]

    /// How many ports the home page names.
    public static let defaultCount = 24

    /// The popular ports named from `entries` (one registry version) and the curated `knowledge`.
    /// - Parameter nmapServices: nmap's `nmap-services` file: its most often open TCP ports give the order
    ///   when it is installed; otherwise `curated` does.
    public init(entries: [RegistryEntry], knowledge: KnowledgeBase, nmapServices: String? = PortPopularity.defaultFile, count: Int = defaultCount) {
        var order = Self.curated
        source = nil
        if let nmapServices, let data = FileManager.default.contents(atPath: nmapServices) {
            let measured = Self.mostOpenTCP(in: data, limit: count)
            if !measured.isEmpty {
                order = measured
                source = nmapServices
            }
        }
        order = Array(order.prefix(count))
        var namesAt: [UInt16: [RegistryEntry]] = [:]
        let wanted = Set(order)
        for entry in entries where entry.status == .assigned && entry.serviceName != nil {
            guard let span = entry.ports, span.count <= 16 else { continue }
            for port in span.start...span.end where wanted.contains(port) { namesAt[port, default: []].append(entry) }
        }
        ports = order.map { port in
            let records = namesAt[port] ?? []
            let registered = (records.first { $0.transport == .tcp } ?? records.first)?.serviceName
            let uses = knowledge.facts(at: port, transport: .tcp).filter { $0.kind == .use && $0.ports.count <= 16 }
            if let registered {
                let plain = Self.plain(registered)
                // The product that owns the registered name (PostgreSQL for postgresql, Redis for redis).
                let owner = uses.first { Self.plain($0.product) == plain && knowledge.product(named: $0.product) != nil }
                return Port(port: port, name: owner?.product ?? registered)
            }
            return Port(port: port, name: uses.first?.product)
        }
    }

    /// The `limit` TCP ports nmap's scans find open most often, from an `nmap-services` file's bytes.
    static func mostOpenTCP(in bytes: Data, limit: Int) -> [UInt16] {
        var found: [(port: UInt16, frequency: Double)] = []
        for line in bytes.split(separator: 0x0A) where line.first != 0x23 {
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count >= 3 else { continue }
            let portField = String(decoding: fields[1], as: UTF8.self)
            guard portField.hasSuffix("/tcp"), let port = UInt16(portField.dropLast(4)),
                let frequency = Double(String(decoding: fields[2], as: UTF8.self)), frequency > 0
            else { continue }
            found.append((port, frequency))
        }
        return found.sorted { ($0.frequency, $1.port) > ($1.frequency, $0.port) }.prefix(limit).map(\.port)
    }

    static func plain(_ name: String) -> String { name.lowercased().filter { $0.isLetter || $0.isNumber } }
}
