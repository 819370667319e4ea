/// A services(5) file (`/etc/services`) held against the registry: which of its lines the registry no longer
/// bears out, and which System-port assignments it lacks. Pure: both sides come in as entries.
public struct ServicesAudit: Sendable, Hashable {
    /// What is wrong with one line of the file.
    public struct Finding: Sendable, Hashable {
        /// How the line differs from the registry.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The port and protocol are now registered under another name (`fox-skytale` is now `skytale`).
            case renamed
            /// The registry took the port back: it is Unassigned or Reserved now (with IANA's date when it gives one).
            case deassigned = "de-assigned"
            /// The name is registered, but on other ports or protocols than the file says.
            case wrong
            /// Neither the name nor the port and protocol are in the registry: a local addition.
            case unregistered
        }

        public var kind: Kind
        /// The file's line, as decoded: name, port, protocol.
        public var line: RegistryEntry
        /// The registry's entries that show the difference (the new name, the name's real ports, the row that
        /// took the port back).
        public var registry: [RegistryEntry]
        /// The finding in plain words.
        public var text: String
    }

    /// Lines that differ from the registry, in file order.
    public var findings: [Finding]
    /// Registered System-port assignments (TCP and UDP) the file does not list, in registry order.
    public var missing: [RegistryEntry]
    /// How many lines of the file were read as services.
    public var lineCount: Int
    /// How many of them match the registry exactly.
    public var matching: Int

    /// Audits `file` (entries from `ServicesFile.decode`) against the registry's `entries`.
    public init(file: [RegistryEntry], registry entries: [RegistryEntry]) {
        struct Place: Hashable {
            var port: UInt16
            var transport: TransportProtocol?
        }
        var byName: [String: [RegistryEntry]] = [:]
        var byPlace: [Place: [RegistryEntry]] = [:]
        // Wide rows (Unassigned ranges thousands of ports long) are searched, not indexed port by port.
        var wide: [RegistryEntry] = []
        for entry in entries {
            if let name = entry.serviceName { byName[ServiceName.comparisonKey(name), default: []].append(entry) }
            guard let span = entry.ports else { continue }
            if span.end - span.start < 64 {
                for port in span.start...span.end { byPlace[Place(port: port, transport: entry.transport), default: []].append(entry) }
            } else {
                wide.append(entry)
            }
        }
        func at(_ port: UInt16, _ transport: TransportProtocol?) -> [RegistryEntry] {
            (byPlace[Place(port: port, transport: transport)] ?? []) + (byPlace[Place(port: port, transport: nil)] ?? [])
                + wide.filter { ($0.transport == nil || $0.transport == transport) && $0.ports?.contains(port) == true }
        }

        var findings: [Finding] = []
        var matching = 0
        for line in file {
            guard let name = line.serviceName, let port = line.ports?.start else { continue }
            let key = ServiceName.comparisonKey(name)
            let here = at(port, line.transport)
            let named = byName[key] ?? []
            if here.contains(where: { $0.serviceName.map(ServiceName.comparisonKey) == key }) {
                matching += 1
                continue
            }
            let label = "\(name) \(port)/\(line.transport?.rawValue ?? "?")"
            let assigned = here.filter { $0.status == .assigned && $0.serviceName != nil }
            let takenBack = here.filter { $0.status != .assigned || $0.deassignment != nil }
            let places = Self.list(named.map { "\($0.ports?.description ?? "no port")/\($0.transport?.rawValue ?? "-")" })
            if let now = assigned.first, let newName = now.serviceName, named.isEmpty {
                let same = assigned.filter { $0.serviceName == newName }
                findings.append(
                    Finding(kind: .renamed, line: line, registry: same, text: "\(label): registered as \(newName) now (\(now.description))")
                )
            } else if !named.isEmpty, !assigned.isEmpty || takenBack.isEmpty {
                findings.append(Finding(kind: .wrong, line: line, registry: named, text: "\(label): \(name) is registered on \(places)"))
            } else if let row = takenBack.first {
                let when = row.deassignment?.date.map { " on \($0)" } ?? ""
                let status = row.status == .reserved ? "Reserved" : row.status == .unassigned ? "Unassigned" : "taken back"
                let still = named.isEmpty ? "" : " (\(name) is registered on \(places))"
                findings.append(Finding(kind: .deassigned, line: line, registry: [row], text: "\(label): de-assigned\(when), \(status) now\(still)"))
            } else {
                findings.append(Finding(kind: .unregistered, line: line, registry: [], text: "\(label): not in the registry"))
            }
        }
        let fileNames = Set(
            file.compactMap { entry in
                entry.serviceName.map { "\(ServiceName.comparisonKey($0)) \(entry.ports?.start ?? 0) \(entry.transport?.rawValue ?? "")" }
            }
        )
        missing = entries.filter { entry in
            guard let name = entry.serviceName, let span = entry.ports, span.start == span.end, span.start <= PortRange.system.end,
                let transport = entry.transport, transport == .tcp || transport == .udp, entry.status == .assigned
            else { return false }
            return !fileNames.contains("\(ServiceName.comparisonKey(name)) \(span.start) \(transport.rawValue)")
        }
        self.findings = findings
        self.matching = matching
        self.lineCount = file.count
    }

    private static func list(_ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        var unique: [String] = []
        for item in items where !unique.contains(item) { unique.append(item) }
        return unique.joined(separator: ", ")
    }
}
