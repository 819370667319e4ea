import PortKnowledge
import PortListeners
import PortRegistry

extension WhyReport {
    /// The report as JSON: `port`, `system`, `registry`, `services` {tcp, udp}, `listeners` [{`protocol`,
    /// `address`, `port`, `ipv6`, `exposure` {`kind`, `summary`}, `uid`, `user`, `ownerHidden`, `hint`,
    /// `processes` [{`pid`, `command`, `executable`, `arguments`, `unit`, `userUnit`, `container`, `startedAt`}],
    /// `product` ({`name`, `slug`, `evidence`, `source`} or null), `dockerProxy`, `free` [{`text`, `run`,
    /// `note`, `source`}], `stop` [commands]}], `knownUses` [{`product`, `ports`, `purpose`, `source`}].
    public var json: JSONValue {
        .object([
            ("port", .number(port)),
            ("system", .string(system.rawValue)),
            ("registry", source.json),
            ("services", .object(services.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .string($0.value)) })),
            ("listeners", .array(holders.map(holderJSON))),
            (
                "knownUses",
                .array(
                    knownUses.map { fact in
                        .object([
                            ("product", .string(fact.product)), ("ports", .string(fact.portsLabel)), ("purpose", .string(fact.purpose)),
                            ("source", Self.json(fact.source)),
                        ])
                    }
                )
            ),
        ])
    }

    private func holderJSON(_ holder: Holder) -> JSONValue {
        let listener = holder.listener
        let hint: String? =
            listener.ownerHidden
            ? (isRoot ? "the process is outside this PID namespace" : "run `sudo portatlas why \(port)` to see the process") : nil
        return .object([
            ("protocol", .string(listener.transport.rawValue)),
            ("address", .string(listener.address)),
            ("port", .number(listener.port)),
            ("ipv6", .bool(listener.isIPv6)),
            ("exposure", .object([("kind", .string(listener.exposure.name)), ("summary", .string(listener.exposure.summary))])),
            ("uid", .number(listener.uid)),
            ("user", .string(listener.user)),
            ("ownerHidden", .bool(listener.ownerHidden)),
            ("hint", .string(hint)),
            (
                "processes",
                .array(
                    listener.processes.map { process in
                        .object([
                            ("pid", .number(process.pid)),
                            ("command", .string(process.command)),
                            ("executable", .string(process.executable)),
                            ("arguments", .array(process.arguments.map { .string($0) })),
                            ("unit", .string(process.unit)),
                            ("userUnit", .bool(process.isUserUnit)),
                            (
                                "container",
                                process.container.map { .object([("runtime", .string($0.runtime)), ("id", .string($0.id))]) } ?? .null
                            ),
                            ("startedAt", process.startedAt.map { .string(ListenerReport.timestamp($0)) } ?? .null),
                        ])
                    }
                )
            ),
            (
                "product",
                holder.identification.map { found in
                    .object([
                        ("name", .string(found.signature.product)),
                        ("slug", .string(found.product?.slug)),
                        ("evidence", .array(found.evidence.map { .string($0) })),
                        ("source", Self.json(found.signature.source)),
                    ])
                } ?? .null
            ),
            (
                "dockerProxy",
                holder.dockerProxy.map { proxy in
                    .object([
                        ("protocol", .string(proxy.transport)), ("hostAddress", .string(proxy.hostAddress)),
                        ("hostPort", .number(proxy.hostPort)), ("containerAddress", .string(proxy.containerAddress)),
                        ("containerPort", .number(proxy.containerPort)),
                    ])
                } ?? .null
            ),
            (
                "free",
                .array(
                    holder.waysToFree.map { way in
                        .object([
                            ("text", .string(way.free)), ("run", .array(way.run.map { .string($0) })), ("note", .string(way.note)),
                            ("os", .string(way.system?.rawValue)), ("source", Self.json(way.source)),
                        ])
                    }
                )
            ),
            ("stop", .array(holder.plainWays.map { .string($0) })),
        ])
    }

    /// A citation as JSON: `title`, `url`, `retrieved`.
    static func json(_ citation: Citation) -> JSONValue {
        .object([("title", .string(citation.title)), ("url", .string(citation.url)), ("retrieved", .string(citation.retrieved))])
    }
}
