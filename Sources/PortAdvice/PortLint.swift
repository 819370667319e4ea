import PortRegistry

/// What `lint` says of the ports configuration files name: per port, the findings the one verdict gives (without
/// this machine), and the host ports claimed more than once across the files.
public struct PortLint: Sendable, Hashable {
    /// One thing wrong with a port a file names.
    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// The registry assigns the port to a service the file's owner does not name.
            case registered
            /// In RFC 6335's Dynamic range, or an operating system's default ephemeral range.
            case ephemeral
            /// Browsers refuse to fetch from it.
            case browserBlocked = "browser-blocked"
            /// Two places in the files claim the same host port.
            case duplicate
        }

        public var kind: Kind
        public var text: String
        /// For a duplicate: every place that claims the port.
        public var places: [String]

        public init(kind: Kind, text: String, places: [String] = []) {
            self.kind = kind
            self.text = text
            self.places = places
        }
    }

    /// A port a file names, with its findings.
    public struct Checked: Sendable, Hashable {
        public var mention: PortMention
        public var findings: [Finding]
    }

    /// Every port found, in the order of the files and lines.
    public var ports: [Checked]
    /// How many findings there are in all.
    public var findingCount: Int { ports.reduce(0) { $0 + $1.findings.count } }

    /// Checks `mentions`, judging each port with `verdict` (the verdict `check` gives, machine-independent).
    public init(mentions: [PortMention], verdict: (UInt16, TransportProtocol) throws -> PortVerdict) rethrows {
        struct Claim: Hashable {
            var port: UInt16
            var transport: TransportProtocol
        }
        var claims: [Claim: [String]] = [:]
        for mention in mentions where mention.claimsHost {
            let claim = Claim(port: mention.port, transport: mention.transport ?? .tcp)
            if !(claims[claim]?.contains(mention.place) ?? false) { claims[claim, default: []].append(mention.place) }
        }
        var cache: [Claim: PortVerdict] = [:]
        var checked: [Checked] = []
        for mention in mentions {
            let transport = mention.transport ?? .tcp
            let claim = Claim(port: mention.port, transport: transport)
            let judged = try cache[claim] ?? verdict(mention.port, transport)
            cache[claim] = judged
            var findings: [Finding] = []
            let owner = (mention.owner ?? "").lowercased()
            for reason in judged.reasons where reason.level != .good {
                switch reason.kind {
                case .iana:
                    if Self.names(in: reason.text).contains(where: { Self.owner(owner, names: $0) }) { continue }
                    findings.append(Finding(kind: .registered, text: reason.text))
                case .range where PortRange(containing: mention.port) == .dynamic, .ephemeral:
                    findings.append(Finding(kind: .ephemeral, text: reason.text))
                case .browserBlocked:
                    findings.append(Finding(kind: .browserBlocked, text: reason.text))
                default:
                    continue
                }
            }
            if mention.claimsHost, let places = claims[claim], places.count > 1 {
                let others = places.filter { $0 != mention.place }
                findings.append(
                    Finding(
                        kind: .duplicate,
                        text: "\(mention.port)/\(transport.rawValue) is also claimed at \(others.joined(separator: ", "))",
                        places: places
                    )
                )
            }
            checked.append(Checked(mention: mention, findings: findings))
        }
        ports = checked
    }

    /// Whether the owner's words name the registered service: `db (postgres:17)` names `postgresql`.
    static func owner(_ owner: String, names service: String) -> Bool {
        guard !service.isEmpty else { return false }
        let words = owner.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return owner.contains(service) || words.contains { $0.count >= 4 && service.hasPrefix($0) }
    }

    /// The service name in a verdict's "N/tcp is assigned to NAME (…)" reason, lower-cased.
    static func names(in text: String) -> [String] {
        guard let range = text.firstRange(of: " is assigned to ") else { return [] }
        let rest = text[range.upperBound...]
        let name = rest.prefix { $0 != " " && $0 != "(" }
        return [name.lowercased()]
    }
}
