import PortKnowledge
import PortListeners
import PortRegistry

extension PortVerdict {
    /// The registry's word on the port, and which registry said it.
    public struct RegistryEvidence: Sendable {
        /// The entries at the port (any protocol; the judge keeps those for the protocol asked about).
        public var entries: [RegistryEntry]
        /// The registry's name as a source: "IANA Service Name and Transport Protocol Port Number Registry", or
        /// the system's services database before any import.
        public var title: String
        /// The registry's own date, when known.
        public var date: String?
        /// Where to read it.
        public var url: String?

        public init(entries: [RegistryEntry], title: String, date: String?, url: String?) {
            self.entries = entries
            self.title = title
            self.date = date
            self.url = url
        }
    }

    /// RFC 6335, the source of the ranges.
    static let rfc6335 = (title: "RFC 6335 §6, \"Port Number Ranges\"", url: "https://www.rfc-editor.org/rfc/rfc6335#section-6", date: "2011-08")

    /// Judges `port` for a new program that would listen on it over `transport`: the one place the verdict is
    /// made, for `check`, the site and `suggest`.
    /// - Parameters:
    ///   - registry: what the registry says of the port.
    ///   - facts: the curated facts at the port (any kind, any protocol).
    ///   - machine: this machine's state, or `nil` to judge from what holds everywhere (the site).
    public static func judge(
        port: UInt16,
        transport: TransportProtocol = .tcp,
        registry: RegistryEvidence,
        facts: [KnowledgeFact],
        machine: MachineState? = nil
    ) -> PortVerdict {
        var reasons: [Reason] = []
        func add(_ kind: Reason.Kind, _ level: Level, _ text: String, _ message: Reason.Message, _ fact: KnowledgeFact) {
            reasons.append(
                Reason(
                    kind: kind,
                    level: level,
                    text: text,
                    message: message,
                    source: fact.source.title,
                    url: fact.source.url,
                    date: fact.source.retrieved
                )
            )
        }
        let label = "\(port)/\(transport.rawValue)"

        let range = PortRange(containing: port)
        if port == 0 {
            reasons.append(
                Reason(
                    kind: .portZero,
                    level: .avoid,
                    text: "port 0 is reserved: no service can be reached on it",
                    message: Reason.Message("port-zero"),
                    source: registry.title,
                    url: registry.url,
                    date: registry.date
                )
            )
        }
        let rangeText = "\(range.title), \(range.start)–\(range.end): \(range.assignmentPolicy)"
        let rangeLevel: Level = range == .system ? .avoid : range == .dynamic ? .warnings : .good
        let rangeMessage = Reason.Message(
            "range",
            [.init("range", range.rawValue), .init("start", String(range.start)), .init("end", String(range.end))]
        )
        reasons.append(
            Reason(
                kind: .range,
                level: rangeLevel,
                text: rangeText,
                message: rangeMessage,
                source: rfc6335.title,
                url: rfc6335.url,
                date: rfc6335.date
            )
        )

        let entries = registry.entries.filter { $0.transport == nil || $0.transport == transport }
        var named: Set<String> = []
        for entry in entries {
            switch entry.status {
            case .assigned:
                let name = entry.serviceName ?? entry.description
                guard named.insert(name).inserted else { continue }
                let described = !entry.description.isEmpty && entry.description != name
                let description = described ? " (\(entry.description))" : ""
                var values: [Reason.Message.Value] = [.init("label", label), .init("service", name, isEnglish: true)]
                if described { values.append(.init("description", entry.description, isEnglish: true)) }
                reasons.append(
                    Reason(
                        kind: .iana,
                        level: .warnings,
                        text: "\(label) is assigned to \(name)\(description)",
                        message: Reason.Message(described ? "iana.assigned-described" : "iana.assigned", values),
                        source: registry.title,
                        url: registry.url,
                        date: registry.date
                    )
                )
            case .reserved:
                guard named.insert("reserved").inserted else { continue }
                reasons.append(
                    Reason(
                        kind: .iana,
                        level: .warnings,
                        text: "\(label) is reserved",
                        message: Reason.Message("iana.reserved", [.init("label", label)]),
                        source: registry.title,
                        url: registry.url,
                        date: registry.date
                    )
                )
            case .unassigned:
                continue
            }
        }
        if named.isEmpty {
            reasons.append(
                Reason(
                    kind: .iana,
                    level: .good,
                    text: "\(label) is assigned to no service",
                    message: Reason.Message("iana.unassigned", [.init("label", label)]),
                    source: registry.title,
                    url: registry.url,
                    date: registry.date
                )
            )
        }

        for fact in facts where fact.concerns(transport) {
            let note = fact.note.map { " (\($0))" } ?? ""
            let product = Reason.Message.Value("product", fact.product, isEnglish: true)
            let purpose = Reason.Message.Value("purpose", fact.purpose, isEnglish: true)
            let bounds: [Reason.Message.Value] = [.init("start", String(fact.ports.start)), .init("end", String(fact.ports.end))]
            // A message with the fact's note, when it has one: `key-noted`.
            func noted(_ key: String) -> Reason.Message {
                guard let note = fact.note else { return Reason.Message(key, [product, purpose]) }
                return Reason.Message(key + "-noted", [product, purpose, .init("note", note, isEnglish: true)])
            }
            switch fact.kind {
            case .use:
                let spans = fact.ports.start != fact.ports.end
                let span = spans ? " on \(fact.ports.start)–\(fact.ports.end)" : ""
                let message =
                    spans
                    ? Reason.Message("known-use-span", [product] + bounds + [purpose]) : Reason.Message("known-use", [product, purpose])
                add(.knownUse, .warnings, "\(fact.product) uses it\(span): \(fact.purpose)", message, fact)
            case .browserBlocked:
                add(.browserBlocked, .avoid, "\(fact.product): \(fact.purpose)\(note)", noted("browser-blocked"), fact)
            case .malware:
                add(
                    .malware,
                    .good,
                    "\(fact.product) used it (\(fact.purpose)): firewalls and scanners may still flag it",
                    Reason.Message("malware", [product, purpose]),
                    fact
                )
            case .ephemeral:
                add(
                    .ephemeral,
                    .warnings,
                    "\(fact.product) picks source ports for outgoing connections from \(fact.ports.start)–\(fact.ports.end) by default (\(fact.purpose))",
                    Reason.Message("ephemeral", [product] + bounds + [purpose]),
                    fact
                )
            case .excluded:
                add(.excluded, .warnings, "\(fact.product): \(fact.purpose)\(note)", noted("excluded"), fact)
            case .window:
                add(
                    .toolWindow,
                    .warnings,
                    "in \(fact.product)'s default window \(fact.ports.start)–\(fact.ports.end): \(fact.purpose)",
                    Reason.Message("tool-window", [product] + bounds + [purpose]),
                    fact
                )
            }
        }

        if let machine { reasons += machine.reasons(port: port, transport: transport) }

        let ordered = reasons.enumerated().sorted { a, b in
            a.element.level != b.element.level ? a.element.level > b.element.level : a.offset < b.offset
        }.map(\.element)
        return PortVerdict(
            port: port,
            transport: transport,
            level: reasons.map(\.level).max() ?? .good,
            reasons: ordered,
            includesMachine: machine != nil
        )
    }
}
