import PortAdvice
import PortKnowledge
import PortRegistry
import PortStore

extension PortVerdict {
    /// The verdict on `port`, from the registry `lookup` answers from, the curated `knowledge` and, for `check`,
    /// this machine's state.
    /// - Throws: `StoreError` when the store cannot be read.
    public static func judge(
        port: UInt16,
        transport: TransportProtocol = .tcp,
        lookup: PortLookup,
        knowledge: any CuratedKnowledge,
        machine: MachineState?
    ) throws -> PortVerdict {
        let answer = try lookup.answer(.port(port))
        return judge(
            port: port,
            transport: transport,
            registry: RegistryEvidence(answer),
            facts: knowledge.facts(at: port),
            machine: machine
        )
    }

    /// The verdict as JSON: `port`, `protocol`, `verdict` (`good`, `warnings`, `avoid`), `exitStatus`,
    /// `machine` (whether this machine was read), `reasons` [{`kind`, `level`, `text`, `source`, `url`, `date`}].
    public var json: JSONValue {
        .object([
            ("port", .number(port)),
            ("protocol", .string(transport.rawValue)),
            ("verdict", .string(level.name)),
            ("exitStatus", .number(level.rawValue)),
            ("machine", .bool(includesMachine)),
            (
                "reasons",
                .array(
                    reasons.map { reason in
                        .object([
                            ("kind", .string(reason.kind.rawValue)),
                            ("level", .string(reason.level.name)),
                            ("text", .string(reason.text)),
                            ("source", .string(reason.source)),
                            ("url", .string(reason.url)),
                            ("date", .string(reason.date)),
                        ])
                    }
                )
            ),
        ])
    }

    /// The verdict for a person: one line of verdict, then every reason with its source and date.
    public func text(style: TextStyle) -> String {
        let marks: [Level: String] = [.good: "ok   ", .warnings: "warn ", .avoid: "AVOID"]
        var lines = [style.bold("\(port)/\(transport.rawValue): \(level.title)")]
        for reason in reasons {
            let mark = marks[reason.level] ?? ""
            let dated = reason.date.map { ", \($0)" } ?? ""
            lines.append("  \(mark) \(reason.text.terminalSafeLine)")
            lines.append(style.dim("        — \(reason.source.terminalSafeLine)\(dated)\(reason.url.map { " <\($0.terminalSafeLine)>" } ?? "")"))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PortVerdict.RegistryEvidence {
    /// The evidence in a registry answer: its entries and where they come from.
    public init(_ answer: LookupAnswer) {
        switch answer.source {
        case .registry(let version):
            self.init(
                entries: answer.entries,
                title: "IANA Service Name and Transport Protocol Port Number Registry",
                date: version.updated,
                url: "https://www.iana.org/assignments/service-names-port-numbers/"
            )
        case .systemServices(let files):
            self.init(
                entries: answer.entries,
                title: "the system's services database (\(files.joined(separator: ", "))), not IANA's registry",
                date: nil,
                url: nil
            )
        }
    }
}
