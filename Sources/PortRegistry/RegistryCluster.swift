/// A run of adjacent ports the registry gives to related services: the same name stem (`mcs-*` on
/// 3330–3332), the same assignee, or the same contact.
public struct RegistryCluster: Sendable, Hashable {
    /// What the services in the run share.
    public enum Basis: String, Sendable, Hashable {
        case nameStem = "name"
        case assignee
        case contact
    }

    public var basis: Basis
    /// The shared stem (`mcs`) or the person's id in the people table.
    public var key: String
    /// The ports the run covers.
    public var ports: PortSpan
    /// The services in the run, in port order, each once.
    public var services: [String]

    public init(basis: Basis, key: String, ports: PortSpan, services: [String]) {
        self.basis = basis
        self.key = key
        self.ports = ports
        self.services = services
    }

    /// `mcs-*`, or the person's id.
    public var label: String { basis == .nameStem ? "\(key)-*" : key }

    /// The clusters among `entries` that reach into `window`: runs of at least two adjacent ports holding at
    /// least two different service names. A run the same services already make under another basis is
    /// given once, by name stem first.
    ///
    /// Pass every entry from a few dozen ports around `window`, so that runs are not cut short.
    public static func clusters(in entries: [RegistryEntry], touching window: PortSpan) -> [RegistryCluster] {
        var found: [RegistryCluster] = []
        for basis in [Basis.nameStem, .assignee, .contact] {
            var ports: [String: [UInt16: String]] = [:]
            for entry in entries where entry.status == .assigned {
                guard let name = entry.serviceName, let span = entry.ports else { continue }
                for key in keys(of: entry, name: name, basis: basis) {
                    for port in span.start...span.end where ports[key]?[port] == nil {
                        ports[key, default: [:]][port] = name
                    }
                }
            }
            for (key, names) in ports.sorted(by: { $0.key < $1.key }) {
                for run in runs(names) {
                    guard let first = run.first, let last = run.last, run.count >= 2 else { continue }
                    let span = PortSpan(unchecked: first, last)
                    guard span.overlaps(window) else { continue }
                    var services: [String] = []
                    for port in run where !services.contains(names[port]!) { services.append(names[port]!) }
                    guard services.count >= 2 else { continue }
                    let cluster = RegistryCluster(basis: basis, key: key, ports: span, services: services)
                    if !found.contains(where: { $0.ports == span && $0.services == services }) { found.append(cluster) }
                }
            }
        }
        return found.sorted { ($0.ports.start, $0.ports.end, $0.key) < ($1.ports.start, $1.ports.end, $1.key) }
    }

    private static func keys(of entry: RegistryEntry, name: String, basis: Basis) -> [String] {
        switch basis {
        case .nameStem:
            let lowered = name.lowercased()
            let stem = lowered.split(separator: "-", maxSplits: 1).first.map(String.init) ?? lowered
            return stem.count >= 2 ? [stem] : []
        case .assignee: return entry.assignees
        case .contact: return entry.contacts
        }
    }

    /// Runs of consecutive ports.
    private static func runs(_ names: [UInt16: String]) -> [[UInt16]] {
        var runs: [[UInt16]] = []
        for port in names.keys.sorted() {
            if let last = runs.last?.last, Int(last) + 1 == Int(port) {
                runs[runs.count - 1].append(port)
            } else {
                runs.append([port])
            }
        }
        return runs
    }
}

extension PortSpan {
    /// A span from `start` through `end` when they are in order; the one port `start` when they are not.
    public init(unchecked start: UInt16, _ end: UInt16) {
        self = (try? PortSpan(start: start, end: end)) ?? PortSpan(port: start)
    }
}
