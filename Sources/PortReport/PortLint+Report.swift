import PortAdvice
import PortRegistry

extension PortLint {
    /// `files`, `findings` (how many), `ports` [{`port`, `protocol`, `file`, `line`, `key`, `owner`, `host`,
    /// `findings` [{`kind`, `text`, `places`}]}].
    public func json(files: [String]) -> JSONValue {
        .object([
            ("files", .array(files.map { .string($0) })),
            ("findings", .number(findingCount)),
            (
                "ports",
                .array(
                    ports.map { checked in
                        let mention = checked.mention
                        return .object([
                            ("port", .number(mention.port)),
                            ("protocol", .string((mention.transport ?? .tcp).rawValue)),
                            ("file", .string(mention.file)),
                            ("line", .number(mention.line)),
                            ("key", .string(mention.key)),
                            ("owner", .string(mention.owner)),
                            ("host", .bool(mention.claimsHost)),
                            (
                                "findings",
                                .array(
                                    checked.findings.map {
                                        .object([
                                            ("kind", .string($0.kind.rawValue)), ("text", .string($0.text)),
                                            ("places", .array($0.places.map { .string($0) })),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
        ])
    }

    /// `file:line  port/protocol (key of owner)` and its findings, for every port with one; then a count.
    public func text(style: TextStyle) -> String {
        var lines: [String] = []
        for checked in ports where !checked.findings.isEmpty {
            let mention = checked.mention
            let owner = mention.owner.map { " of \($0.terminalSafeLine)" } ?? ""
            lines.append(
                "\(mention.place.terminalSafeLine)  " + style.bold("\(mention.port)/\((mention.transport ?? .tcp).rawValue)")
                    + " (\(mention.key.terminalSafeLine)\(owner))"
            )
            for finding in checked.findings { lines.append("  \(finding.kind.rawValue): \(finding.text.terminalSafeLine)") }
        }
        let count = findingCount
        lines.append("\(ports.count) port\(ports.count == 1 ? "" : "s") found, \(count) finding\(count == 1 ? "" : "s").")
        return lines.joined(separator: "\n") + "\n"
    }
}
