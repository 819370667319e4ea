import Crypto
import PortKnowledge
import PortRegistry

/// A port a new application can safely default to: in an explicit Unassigned range of the registry, in the User
/// range, and judged `good` by the one verdict `check` gives, with that verdict's reasons as the why.
public struct PortSuggestion: Sendable, Hashable {
    /// The verdict on the port: `good`, every reason in it.
    public var verdict: PortVerdict
    /// The registry's Unassigned range that holds the port.
    public var unassigned: PortSpan

    public init(verdict: PortVerdict, unassigned: PortSpan) {
        self.verdict = verdict
        self.unassigned = unassigned
    }

    /// The port suggested.
    public var port: UInt16 { verdict.port }

    /// The most ports one request may ask for.
    public static let maximumCount = 100

    /// What `suggest` needs to know: the registry's explicit Unassigned rows, the registry's word on a port, the
    /// curated facts over the User range, and (for the command line) this machine.
    public struct Inputs: Sendable {
        /// The registry's rows whose status is Unassigned.
        public var unassigned: [RegistryEntry]
        /// The registry's entries at one port, with its title, date and address.
        public var registry: @Sendable (UInt16) throws -> PortVerdict.RegistryEvidence
        /// Every curated fact that overlaps the User range.
        public var facts: [KnowledgeFact]
        /// This machine, or `nil` for an answer that holds everywhere (the site).
        public var machine: MachineState?

        public init(
            unassigned: [RegistryEntry],
            registry: @escaping @Sendable (UInt16) throws -> PortVerdict.RegistryEvidence,
            facts: [KnowledgeFact],
            machine: MachineState?
        ) {
            self.unassigned = unassigned
            self.registry = registry
            self.facts = facts
            self.machine = machine
        }
    }

    /// Up to `count` ports for `transport` that the verdict judges `good`, in an order fixed by `seed`: the
    /// same seed on the same registry gives the same ports. Ports are tried in a walk through the candidates
    /// that starts and strides where SHA-256 of the seed says, so every candidate is reached once.
    /// - Throws: `SuggestionError.badCount` for a count outside 1…100; what `inputs.registry` throws.
    public static func suggest(
        count: Int,
        seed: String,
        transport: TransportProtocol = .tcp,
        inputs: Inputs
    ) throws -> [PortSuggestion] {
        guard (1...maximumCount).contains(count) else { throw SuggestionError.badCount(count) }
        let candidates = candidates(transport: transport, unassigned: inputs.unassigned)
        guard !candidates.isEmpty else { return [] }
        let digest = Array(SHA256.hash(data: Array("portatlas suggest \(transport.rawValue) \(seed)".utf8)))
        let number = { (offset: Int) in digest[offset..<offset + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let total = UInt64(candidates.count)
        // A stride coprime with the count visits every candidate once.
        var stride = max(1, number(8) % total)
        while gcd(stride, total) != 1 { stride = stride + 1 >= total ? 1 : stride + 1 }
        var index = number(0) % total
        var found: [PortSuggestion] = []
        for _ in 0..<candidates.count {
            let (port, span) = candidates[Int(index)]
            index = (index + stride) % total
            let facts = inputs.facts.filter { $0.ports.contains(port) }
            let verdict = PortVerdict.judge(
                port: port,
                transport: transport,
                registry: try inputs.registry(port),
                facts: facts,
                machine: inputs.machine
            )
            guard verdict.level == .good else { continue }
            found.append(PortSuggestion(verdict: verdict, unassigned: span))
            if found.count == count { break }
        }
        return found
    }

    /// Every User port that an explicit Unassigned row for `transport` (or for no protocol) covers, with the row's
    /// span, in port order.
    public static func candidates(transport: TransportProtocol, unassigned: [RegistryEntry]) -> [(UInt16, PortSpan)] {
        var seen: Set<UInt16> = []
        var ports: [(UInt16, PortSpan)] = []
        for entry in unassigned where entry.status == .unassigned && (entry.transport == nil || entry.transport == transport) {
            guard let span = entry.ports else { continue }
            let start = max(span.start, PortRange.user.start)
            let end = min(span.end, PortRange.user.end)
            guard start <= end else { continue }
            for port in start...end where seen.insert(port).inserted { ports.append((port, span)) }
        }
        return ports.sorted { $0.0 < $1.0 }
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? a : gcd(b, a % b) }
}

/// A request `suggest` cannot answer.
public enum SuggestionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A count outside 1…100.
    case badCount(Int)
    /// No registry with Unassigned rows: the system's services database lists only assignments.
    case noRegistry

    public var description: String {
        switch self {
        case .badCount(let count): "--count \(count) is out of range: ask for 1 to \(PortSuggestion.maximumCount) ports"
        case .noRegistry:
            "suggest needs IANA's registry, whose explicit Unassigned ranges it picks from: run `portatlas update` first"
        }
    }
}
