import PortKnowledge
import PortListeners
import PortRegistry

extension KnowledgeFact {
    /// The fact as JSON: `kind`, `portStart`, `portEnd`, `protocols`, `product`, `purpose`, `cluster`,
    /// `services`, `patterns`, `note`, `source` {`title`, `url`, `retrieved`}, `origin`, `bundled`.
    public var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("portStart", .number(ports.start)),
            ("portEnd", .number(ports.end)),
            ("protocols", .array(transports.map { .string($0.rawValue) })),
            ("product", .string(product)),
            ("purpose", .string(purpose)),
            ("cluster", .string(cluster)),
            ("services", .array(services.map { .string($0) })),
            ("patterns", .array(patterns.map { .string($0) })),
            ("note", .string(note)),
            ("source", source.json),
            ("origin", .string(origin.description)),
            ("bundled", .bool(origin.isBundled)),
        ])
    }
}

extension Citation {
    /// The citation as JSON: `title`, `url`, `retrieved`.
    public var json: JSONValue {
        .object([("title", .string(title)), ("url", .string(url)), ("retrieved", .string(retrieved))])
    }
}

extension WhatPortIs {
    /// The report as JSON: the lookup's keys (`query`, `protocol`, `registry`, `range`, `listed`, `message`,
    /// `hint`, `entries`), then `ephemeralRanges`, `uses`, `browserBlocked`, `neighbours`, `clusters`,
    /// `security`, `listeners`, `manualChecks` and `sources`. The README documents each.
    public var json: JSONValue {
        guard case .object(var members) = registry.json else { return registry.json }
        members += [
            (
                "ephemeralRanges",
                .array(
                    ephemeralRanges.map {
                        .object([
                            ("system", .string($0.range.system)), ("start", .number($0.range.start)), ("end", .number($0.range.end)),
                            ("origin", .string($0.range.origin)), ("containsPort", .bool($0.containsPort)),
                        ])
                    }
                )
            ),
            ("popularity", popularity?.json ?? .null),
            (
                "uses",
                .array(
                    uses.map { use in
                        .object([
                            ("fact", use.fact.json), ("footnote", .number(use.cited.footnote)),
                            ("collidesWith", .array(use.collidesWith.map { .string($0) })),
                            ("product", use.product.map { .object($0.summaryMembers) } ?? .null),
                            (
                                "otherPorts",
                                .array(use.otherPorts.map { .object([("fact", $0.fact.json), ("footnote", .number($0.footnote))]) })
                            ),
                        ])
                    }
                )
            ),
            (
                "browserBlocked",
                browserBlock.map { .object([("fact", $0.fact.json), ("footnote", .number($0.footnote))]) } ?? .null
            ),
            (
                "neighbours",
                .array(
                    neighbours.map {
                        .object([
                            ("port", .number($0.port)), ("services", .array($0.services.map { .string($0) })),
                            ("description", .string($0.description)), ("status", .string($0.status?.rawValue)),
                            ("uses", .array($0.uses.map { .string($0) })), ("isPort", .bool($0.isPort)),
                        ])
                    }
                )
            ),
            (
                "clusters",
                .object([
                    (
                        "registry",
                        .array(
                            registryClusters.map {
                                .object([
                                    ("basis", .string($0.basis.rawValue)), ("key", .string($0.key)), ("label", .string($0.label)),
                                    ("portStart", .number($0.ports.start)), ("portEnd", .number($0.ports.end)),
                                    ("services", .array($0.services.map { .string($0) })),
                                ])
                            }
                        )
                    ),
                    (
                        "vendor",
                        .array(
                            vendorClusters.map {
                                .object([
                                    ("name", .string($0.name)), ("portStart", .number($0.ports.start)), ("portEnd", .number($0.ports.end)),
                                    ("members", .array($0.members.map(\.json))), ("footnotes", .array($0.footnotes.map { .number($0) })),
                                ])
                            }
                        )
                    ),
                ])
            ),
            (
                "security",
                .object([
                    (
                        "unauthorizedUse",
                        .array(
                            security.unauthorizedUse.map {
                                .object([("service", .string($0.service)), ("protocol", .string($0.transport)), ("text", .string($0.text))])
                            }
                        )
                    ),
                    (
                        "historical",
                        .array(security.historical.map { .object([("fact", $0.fact.json), ("footnote", .number($0.footnote))]) })
                    ),
                    ("advice", .string(security.advice)),
                ])
            ),
            ("listeners", listenersJSON),
            (
                "manualChecks",
                .array(
                    manualChecks.map { .object([("system", .string($0.system)), ("commands", .array($0.commands.map { .string($0) }))]) }
                )
            ),
            (
                "sources",
                .array(
                    sources.map {
                        .object([
                            ("number", .number($0.number)), ("title", .string($0.citation.title)), ("url", .string($0.citation.url)),
                            ("retrieved", .string($0.citation.retrieved)),
                        ])
                    }
                )
            ),
        ]
        return .object(members)
    }

    /// The listeners as `listeners` in `ListenerReport.json`, or `null` when not checked.
    private var listenersJSON: JSONValue {
        guard let listeners, case .object(let members) = listeners.json else { return .null }
        return members.first { $0.0 == "listeners" }?.1 ?? .null
    }
}
