import PortAdvice
import PortRegistry

extension PortSuggestion {
    /// `port`, `protocol`, `unassigned` (the registry's range), `machine`, `reasons` [{`kind`, `text`, `source`,
    /// `url`, `date`}]: why the port is safe.
    public var json: JSONValue {
        .object([
            ("port", .number(port)),
            ("protocol", .string(verdict.transport.rawValue)),
            ("unassigned", .string(unassigned.description)),
            ("machine", .bool(verdict.includesMachine)),
            (
                "reasons",
                .array(
                    verdict.reasons.map { reason in
                        .object([
                            ("kind", .string(reason.kind.rawValue)), ("text", .string(reason.text)), ("source", .string(reason.source)),
                            ("url", .string(reason.url)), ("date", .string(reason.date)),
                        ])
                    }
                )
            ),
        ])
    }

    /// The suggestions for a person: each port, then why it is safe.
    public static func text(_ suggestions: [PortSuggestion], seed: String?, style: TextStyle) -> String {
        guard !suggestions.isEmpty else { return "No port passes every check.\n" }
        var lines: [String] = []
        for suggestion in suggestions {
            lines.append(style.bold("\(suggestion.port)/\(suggestion.verdict.transport.rawValue)"))
            lines.append("  ok    in the registry's Unassigned range \(suggestion.unassigned)")
            for reason in suggestion.verdict.reasons {
                lines.append("  ok    \(reason.text.terminalSafeLine)")
            }
        }
        if let seed { lines.append(style.dim("Seed \(seed.terminalSafeLine): the same seed on the same registry gives these ports again.")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
